"""The public side: anyone can read the articles on the shelf and see their questions."""
