DROP TABLE reviews;
DROP FUNCTION reviews_is_append_only();
