"""State social order and grants for NGOs; the public-private partnership register."""
