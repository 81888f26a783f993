import json

TTL_SECONDS = 300


def get_product(r, db, product_id):
    raise NotImplementedError


def update_product(r, db, product_id, fields):
    raise NotImplementedError
