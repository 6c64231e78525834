"""The summits' results as a public exhibition that residents discuss with mayors."""
