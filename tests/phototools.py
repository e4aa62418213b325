"""Test photos as phones make them, and a scanner for metadata in published files.

The photos carry everything a published photo must not: an EXIF block with a
GPS position and the phone's make, an XMP packet, an IPTC record, a JPEG
comment and an ICC profile. The profile is not sRGB: its red and blue are
swapped, so a photo stored as pure red is pure blue once its colours are
converted to sRGB, which is how a test sees that the conversion happened.
"""

import io
import struct

from PIL import Image

# sRGB's primaries as an ICC profile states them (D50-adapted XYZ).
_SRGB_RED = (0.4361, 0.2225, 0.0139)
_SRGB_GREEN = (0.3851, 0.7169, 0.0971)
_SRGB_BLUE = (0.1431, 0.0606, 0.7141)
_D50 = (0.9642, 1.0, 0.8249)

GPS_LATITUDE = (56.0, 50.0, 30.12)  # degrees, minutes, seconds: near Mežinieki
XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="56,50.502N"/></rdf:RDF>'
    b'</x:xmpmeta><?xpacket end="w"?>'
)
COMMENT = b"Mezauli, at Janis's house"

# What no published file may contain, as byte strings.
TRACES = {
    "EXIF": b"Exif\x00\x00",
    "XMP": b"http://ns.adobe.com/xap/1.0/",
    "XMP packet": b"x:xmpmeta",
    "ICC": b"ICC_PROFILE",
    "IPTC": b"Photoshop 3.0",
    "comment": COMMENT,
    "GPS in XMP": b"GPSLatitude",
    "camera": b"PhoneMaker",
}


def _s15(value):
    return struct.pack(">i", round(value * 65536))


def _xyz(values):
    return b"XYZ \0\0\0\0" + b"".join(_s15(v) for v in values)


def _curve(gamma):
    return b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"


def _description(text):
    ascii_text = text.encode("ascii") + b"\0"
    return (b"desc\0\0\0\0" + struct.pack(">I", len(ascii_text)) + ascii_text
            + struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + b"\0" * 67)


def swapped_profile():
    """An RGB ICC profile (v2, matrix and curves) whose red and blue are sRGB's blue and red."""
    tags = [
        (b"desc", _description("Swapped red and blue")),
        (b"cprt", b"text\0\0\0\0No copyright, test profile\0"),
        (b"wtpt", _xyz(_D50)),
        (b"rXYZ", _xyz(_SRGB_BLUE)),
        (b"gXYZ", _xyz(_SRGB_GREEN)),
        (b"bXYZ", _xyz(_SRGB_RED)),
        (b"rTRC", _curve(2.2)),
        (b"gTRC", _curve(2.2)),
        (b"bTRC", _curve(2.2)),
    ]
    table = struct.pack(">I", len(tags))
    data = b""
    offset = 128 + 4 + 12 * len(tags)
    for signature, body in tags:
        while len(body) % 4:
            body += b"\0"
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (
        struct.pack(">I", size) + b"lcms" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
        + b"\0" * 12 + b"acsp" + b"\0" * 24 + struct.pack(">I", 0)
        + b"".join(_s15(v) for v in _D50) + b"\0" * 48
    )
    assert len(header) == 128
    return header + table + data


def iptc_segment(caption=b"Gathering at Mezauli"):
    """A JPEG APP13 segment holding an IPTC caption, as photo editors write it."""
    record = b"\x1c\x02\x78" + struct.pack(">H", len(caption)) + caption
    if len(record) % 2:
        record += b"\0"
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\0\0" + struct.pack(">I", len(record)) + record
    body = b"Photoshop 3.0\0" + resource
    return b"\xff\xed" + struct.pack(">H", len(body) + 2) + body


def phone_exif(orientation=1):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "PhoneMaker 12"  # Model
    exif[0x0112] = orientation
    exif[0x0132] = "2024:05:01 12:00:00"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = GPS_LATITUDE
    gps[3] = "E"
    gps[4] = (24.0, 25.0, 0.0)
    return exif


def marked(size, colour=(30, 120, 60), marker=(255, 0, 0)):
    """A photo of one colour with a marker in its stored top-left corner (a tenth of each side)."""
    image = Image.new("RGB", size, colour)
    image.paste(marker, (0, 0, max(1, size[0] // 10), max(1, size[1] // 10)))
    return image


def phone_jpeg(size=(800, 600), orientation=6, image=None, icc=True, quality=90):
    """A JPEG as a phone saves it: EXIF with GPS and an orientation, XMP, IPTC, comment, ICC."""
    image = image or marked(size)
    buffer = io.BytesIO()
    image.save(
        buffer, "JPEG", quality=quality, exif=phone_exif(orientation), xmp=XMP, comment=COMMENT,
        icc_profile=swapped_profile() if icc else None, extra=iptc_segment(),
    )
    return buffer.getvalue()


def upright_jpeg(size=(480, 360)):
    """A JPEG that needs no change of its pixels: upright (orientation 1), no colour profile, and as
    wide as the narrowest published width. It still carries EXIF with GPS, XMP, IPTC and a comment."""
    return phone_jpeg(size, orientation=1, icc=False)


def phone_png(size=(640, 480)):
    image = marked(size).convert("RGBA")
    buffer = io.BytesIO()
    from PIL import PngImagePlugin  # noqa: PLC0415

    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    info.add_text("Comment", COMMENT.decode())
    image.save(buffer, "PNG", pnginfo=info, exif=phone_exif(1))
    return buffer.getvalue()


def phone_webp(size=(640, 480)):
    buffer = io.BytesIO()
    marked(size).save(buffer, "WEBP", exif=phone_exif(1), xmp=XMP, icc_profile=swapped_profile())
    return buffer.getvalue()


def phone_heic(size=(800, 600), orientation=6, image=None, quality=80):
    """A HEIC as an iPhone saves it: EXIF with GPS and an orientation, XMP, a non-sRGB ICC profile.

    pillow-heif writes the orientation as the file's rotation (an `irot`
    box), as phones do, and keeps the EXIF block with its GPS position.
    """
    import pillow_heif  # noqa: PLC0415

    pillow_heif.register_heif_opener()
    image = image or marked(size)
    buffer = io.BytesIO()
    image.save(buffer, "HEIF", quality=quality, exif=phone_exif(orientation).tobytes(), xmp=XMP,
               icc_profile=swapped_profile())
    return buffer.getvalue()


def jpeg_segments(data):
    """The markers of a JPEG up to its image data: [(marker byte, payload)]."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    found = []
    position = 2
    while position < len(data):
        assert data[position] == 0xFF, f"marker expected at {position}"
        marker = data[position + 1]
        if marker == 0xDA:  # start of scan: image data follows
            break
        length = struct.unpack(">H", data[position + 2:position + 4])[0]
        found.append((marker, data[position + 4:position + 2 + length]))
        position += 2 + length
    return found


def riff_chunks(data):
    """The chunks of a WebP file: [(fourcc, payload)]."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP", "not a WebP"
    found = []
    position = 12
    while position + 8 <= len(data):
        fourcc = data[position:position + 4]
        size = struct.unpack("<I", data[position + 4:position + 8])[0]
        found.append((fourcc, data[position + 8:position + 8 + size]))
        position += 8 + size + (size % 2)
    return found


def metadata_in(data):
    """Every kind of metadata found in an image file's bytes; [] for a clean file."""
    found = [name for name, trace in TRACES.items() if trace in data]
    if data[:2] == b"\xff\xd8":
        for marker, payload in jpeg_segments(data):
            if marker == 0xFE:
                found.append("JPEG comment (COM)")
            elif 0xE1 <= marker <= 0xEF:
                found.append(f"APP{marker - 0xE0} segment ({payload[:12]!r})")
            elif marker == 0xE0 and not payload.startswith(b"JFIF\0"):
                found.append(f"APP0 segment ({payload[:12]!r})")
    elif data[:4] == b"RIFF":
        for fourcc, payload in riff_chunks(data):
            if fourcc not in (b"VP8 ", b"VP8L", b"VP8X", b"ALPH"):
                found.append(f"WebP chunk {fourcc!r}")
            if fourcc == b"VP8X" and payload[0] & 0b00101100:  # ICC, EXIF or XMP flags
                found.append("VP8X flags announce ICC, EXIF or XMP")
    elif data[:8] == b"\x89PNG\r\n\x1a\n":
        for kind, _payload in png_chunks(data):
            if kind in (b"eXIf", b"tEXt", b"iTXt", b"zTXt", b"iCCP", b"tIME"):
                found.append(f"PNG chunk {kind!r}")
    else:
        found.append("neither JPEG, WebP nor PNG")
    return found


def png_chunks(data):
    """The chunks of a PNG file: [(type, payload)]."""
    found = []
    position = 8
    while position + 8 <= len(data):
        size = struct.unpack(">I", data[position:position + 4])[0]
        found.append((data[position + 4:position + 8], data[position + 8:position + 8 + size]))
        position += 12 + size
    return found


# The photos of tests/fixtures/photos: (path in content/, bytes maker).
FIXTURE_PHOTOS = {
    "images/talka/parks.jpg": lambda: phone_jpeg((2000, 1500), orientation=1),
    "images/talka/abele.jpg": lambda: phone_jpeg((800, 600), orientation=6),  # taken sideways
    "images/talka/grabekli.jpg": lambda: phone_jpeg((1200, 900), orientation=3),  # upside down
    "images/talka/dīķis.jpg": lambda: phone_jpeg((1000, 750), orientation=8),
    "images/talka/solins.webp": lambda: phone_webp((640, 480)),
    "images/karte.png": lambda: phone_png((640, 480)),
}


def write_fixture_photos(content):
    """Write the fixture's photos into a content folder (a pathlib.Path)."""
    for relative, make in FIXTURE_PHOTOS.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make())
