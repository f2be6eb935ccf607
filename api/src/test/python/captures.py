"""Reads the raw captures (CBOR sequence of arrays of byte strings), like Captures.java."""
import gzip


def _head(b, i):
    ib = b[i]
    major, info = ib >> 5, ib & 31
    i += 1
    if info < 24:
        return major, info, i
    n = {24: 1, 25: 2, 26: 4, 27: 8}[info]
    return major, int.from_bytes(b[i:i + n], 'big'), i + n


def messages(path):
    data = open(path, 'rb').read()
    if data[:2] == b'\x1f\x8b':
        data = gzip.decompress(data)
    out, i = [], 0
    while i < len(data):
        major, n, i = _head(data, i)
        assert major == 4
        frames = []
        for _ in range(n):
            major, ln, i = _head(data, i)
            assert major == 2
            frames.append(data[i:i + ln])
            i += ln
        out.append(frames)
    return out
