"""A password hasher for tests that counts how often a password is hashed."""

from django.contrib.auth.hashers import MD5PasswordHasher


class CountingMD5PasswordHasher(MD5PasswordHasher):
    encoded = []  # one entry per hash computed, for the test to read and clear

    def encode(self, password, salt):
        self.encoded.append(salt)
        return super().encode(password, salt)
