"""The QR code of a poster: the meeting page's address, as an SVG image, and as people read it.

segno makes the code; error correction level M (15% of the code may be
unreadable: a poster gets creased, drawn on, half covered) is segno's
default and the common choice for print. The image is vector (an SVG data
URI), so it stays sharp at any size the poster gives it, with the quiet zone
of four modules the standard asks for around it.
"""

import segno

__all__ = ["qr_image", "short_address"]

QUIET_ZONE = 4  # modules of white around the code (ISO/IEC 18004)


def qr_image(url):
    """An SVG data URI of the QR code of `url`, black on white, scaled by the page."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_data_uri(scale=1, border=QUIET_ZONE, dark="#000", light="#fff", omitsize=True)


def short_address(url):
    """The address as one types it: without "https://" (the rest as it is, so that it works as typed)."""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            return url[len(prefix):]
    return url
