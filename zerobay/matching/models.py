"""Models of technology achievements hall and supply-demand matching."""
