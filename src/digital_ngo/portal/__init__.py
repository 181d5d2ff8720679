"""The public portal: the home page and pages for citizens (grows with open data)."""
