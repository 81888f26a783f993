"""Run the URL shortener on 127.0.0.1: python3 serve.py --port 8000 --db links.db"""
import argparse
from wsgiref.simple_server import make_server

from app import create_app


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--db", default="links.db")
    args = parser.parse_args()
    server = make_server("127.0.0.1", args.port, create_app(args.db))
    server.serve_forever()


if __name__ == "__main__":
    main()
