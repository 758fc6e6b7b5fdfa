"""What changes the database. Operations add and flush, never commit: the caller commits once."""
