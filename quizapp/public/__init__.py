"""The public side: anyone reads the articles on the shelf and practises on their questions."""
