"""Models of the CAA's rating part (issue 10). Refer to councils as "authorities.Council"."""
