"""Home page, standard pages, shared blocks and site settings."""
