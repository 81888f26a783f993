def migrate(conn):
    """Add users.email_domain (text NOT NULL), filled for every user, without downtime."""
    raise NotImplementedError
