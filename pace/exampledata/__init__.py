"""Example and scale data, for development, demonstrations and tests.

Owns: ``manage.py load_example_data`` (the Cheshire East partnership of the seeds)
and ``manage.py make_scale_data`` (a synthetic county at size), and the data they
write. Nothing at run time imports it.

May import: every app's models and services; the data is written through the
services, so it keeps the rules any officer's edit keeps.
"""
