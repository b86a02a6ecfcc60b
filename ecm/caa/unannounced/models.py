"""Models of the CAA's unannounced part (issue 10). Refer to councils as "authorities.Council"."""
