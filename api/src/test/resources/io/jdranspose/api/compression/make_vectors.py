#!/usr/bin/python3
"""Regenerates the bitshuffle/LZ4 and LZ4 test vectors in this folder (Debian: python3-h5py,
python3-hdf5plugin 4.0.1, bitshuffle 0.3.5, numpy).

Every vector is one HDF5 chunk read back raw with h5py's read_direct_chunk, so the bytes are exactly
what the HDF5 filters write (32008 bitshuffle: 8 B BE total bytes, 4 B BE block bytes, blocks each
with a 4 B BE length; 32004 lz4: 8 B BE total bytes, 4 B BE block bytes, blocks each with a 4 B BE
length, a block stored raw when LZ4 does not shrink it).

Values are a formula the Java test recomputes (pattern(i) below), except random_u16_4097 whose
decoded bytes are committed beside it (*.raw). Run from this folder: /usr/bin/python3 make_vectors.py
"""
import os
import tempfile

import bitshuffle
import h5py
import hdf5plugin
import numpy as np


def pattern(n, dtype, period=61):
    """Periodic hash pattern with a slow drift: every bit of every byte varies, yet LZ4 shrinks it (files stay
    small). Java: bits(i) = ((i % period) * 0x9E3779B97F4A7C15L) ^ (i >>> 11), truncated to the item size,
    little endian."""
    i = np.arange(n, dtype=np.uint64)
    v = ((i % np.uint64(period)) * np.uint64(0x9E3779B97F4A7C15)) ^ (i >> np.uint64(11))
    size = np.dtype(dtype).itemsize
    v = (v & np.uint64((1 << (8 * size)) - 1)).astype('<u%d' % size)
    return v.view(np.dtype(dtype).newbyteorder('<'))


def chunk(arr, compression):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, 'v.h5')
        with h5py.File(path, 'w') as f:
            f.create_dataset('x', data=arr, chunks=arr.shape, **compression)
        with h5py.File(path, 'r') as f:
            mask, data = f['x'].id.read_direct_chunk((0,) * arr.ndim)
            assert mask == 0
            return data


def write(name, data):
    with open(name, 'wb') as out:
        out.write(data)


BSLZ4 = [  # name, dtype, shape, bitshuffle block size in elements (0 = default), pattern period
    ('u8_20003', 'u1', (20003,), 0, 61),
    ('u16_4097', 'u2', (4097,), 0, 61),
    ('u32_7', 'u4', (7,), 0, 61),
    ('u32_1030x1065', 'u4', (1030, 1065), 0, 56),  # period 56: a bit plane repeats every 7 B
    ('u32_5000_block256', 'u4', (5000,), 256, 61),
    ('u64_3001', 'u8', (3001,), 0, 61),
    ('f32_2500', 'f4', (2500,), 0, 61),
    ('i16_16', 'i2', (16,), 0, 61),
]

for name, dtype, shape, nelems, period in BSLZ4:
    arr = pattern(int(np.prod(shape)), dtype, period).reshape(shape)
    data = chunk(arr, hdf5plugin.Bitshuffle(nelems=nelems, cname='lz4'))
    # The filter's layout is the 12 B header plus bitshuffle.compress_lz4's output: check it.
    blocks = bitshuffle.compress_lz4(arr, nelems).tobytes()
    assert data[12:] == blocks, name
    write(name + '.bslz4', data)

rng = np.random.default_rng(20261122)
random16 = rng.integers(0, 65536, 4097, dtype=np.uint16)
write('random_u16_4097.bslz4', chunk(random16, hdf5plugin.Bitshuffle(cname='lz4')))
write('random_u16_4097.raw', random16.astype('<u2').tobytes())

LZ4 = [  # name, dtype, shape, block bytes (0 = the filter's default 1 GiB)
    ('u16_4097', 'u2', (4097,), 0),
    ('u32_5000_block1000', 'u4', (5000,), 1000),
]
for name, dtype, shape, nbytes in LZ4:
    arr = pattern(int(np.prod(shape)), dtype).reshape(shape)
    write(name + '.lz4', chunk(arr, hdf5plugin.LZ4(nbytes=nbytes)))
# random data: LZ4 cannot shrink it, so the filter stores the block raw
write('random_u16_4097.lz4', chunk(random16, hdf5plugin.LZ4()))
