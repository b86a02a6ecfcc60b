"""Models of the CAA's profile part (issue 10). Refer to councils as "authorities.Council"."""
