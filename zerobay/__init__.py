"""zerobay: management and analytics platform of a science-and-technology innovation district."""
