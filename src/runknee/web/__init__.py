"""The web app: server-rendered pages and the JSON API, both thin layers over runknee.api."""
