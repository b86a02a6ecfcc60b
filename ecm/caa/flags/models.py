"""Models of the CAA's flags part (issue 10). Refer to councils as "authorities.Council"."""
