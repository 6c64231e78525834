"""Member cities, the five themes and the member-city portal."""
