"""The application that builds, serves and publishes the site.

Pelican and the plugins in `plugins/` make the pages; this package runs them:
the command line (`python -m sitebuilder`), the build pipeline, the
development server and the cache that keeps work between builds.
"""
