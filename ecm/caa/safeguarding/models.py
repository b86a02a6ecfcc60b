"""Models of the CAA's safeguarding part (issue 10). Refer to councils as "authorities.Council"."""
