#!/usr/bin/python3
"""Writes the HDF5 files the replay tests read (run with Debian's /usr/bin/python3: h5py, hdf5plugin, numpy).

Every value follows a formula of (frame f, row y, column x) that the tests recompute, so a wrong decode
shows up as a wrong pixel, not just a wrong checksum.
"""
import os

import h5py
import hdf5plugin
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def grid(frames, *shape):
    return np.indices((frames,) + shape)


def main():
    with h5py.File(os.path.join(HERE, "scan.h5"), "w") as h:
        h.attrs["title"] = "replay test scan"
        data = h.create_group("entry/data")
        f, y, x = grid(5, 37, 41)
        eiger = ((f * 1000 + y * 41 + x) % 65536).astype("<u2")
        # 37*41 elements: not a multiple of bitshuffle's 4096-element block, like Eiger 1M/4M frames
        data.create_dataset("data", data=eiger, chunks=(1, 37, 41), **hdf5plugin.Bitshuffle(cname="lz4"))
        # chunks of two frames (the last one half past the end), HDF5 LZ4 filter 32004
        data.create_dataset("multi", data=eiger, chunks=(2, 37, 41), **hdf5plugin.LZ4())
        f, y, x = grid(4, 8, 8)
        h.create_dataset("entry/gzip", data=(f + y * 0.5 + x * 0.25).astype("<f4"), chunks=(1, 8, 8),
                         compression="gzip")
        f, x = grid(3, 10)
        h.create_dataset("entry/plain", data=((f * 10 + x) * -7).astype("<i4"))
        h.create_dataset("entry/motor", data=np.arange(5) * 0.1 + 1.0, dtype="<f8")
        f, y, x = grid(5, 3, 4)
        h.create_dataset("entry/big_endian", data=(3_000_000_000 + f * 100_000 + y * 4 + x).astype(">u4"))
        f, x = grid(5, 4)
        h.create_dataset("entry/small", data=(f * 4 + x - 10).astype("i1"))
        h.create_dataset("entry/wide", data=(np.arange(5, dtype="<u8") * 3 + 2**63))
        h.create_dataset("entry/title", data="a scalar is not a series of frames")


if __name__ == "__main__":
    main()
