#!/usr/bin/python3
"""Writes seed inputs for the Jazzer fuzz tests (run from this folder). Parts of a multipart message are each a
2-byte big-endian length and the bytes (LengthPrefixedFrames.java). Crash inputs the fuzzer found sit beside these seeds
under names starting with crash-."""
import os
import struct


def frames(*parts):
    return b''.join(struct.pack('>H', len(p)) + p for p in parts)


def put(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), 'wb') as f:
        f.write(data)


def vector(name):
    with open(os.path.join('compression', name), 'rb') as f:
        return f.read()


bs = 'compression/DecoderFuzzTestInputs/bitshuffleLz4'
for name, size in [('u16_4097', 2), ('u32_7', 4), ('i16_16', 2), ('u8_20003', 1), ('f32_2500', 4)]:
    put(bs, 'seed-' + name, bytes([size]) + vector(name + '.bslz4'))
put('compression/DecoderFuzzTestInputs/lz4', 'seed-u16_4097', struct.pack('>I', 8194) + vector('u16_4097.lz4'))

i16 = vector('i16_16.bslz4')
stins = 'stins/StinsFuzzTestInputs/parse'
put(stins, 'seed-start', frames(b'{"htype":"header","filename":"/x.h5","msg_number":0}', b'{"meta":1}'))
put(stins, 'seed-bslz4', frames(b'{"htype":"image","frame":0,"shape":[4,4],"type":"<i2","compression":"bslz4","msg_number":1}', i16))
put(stins, 'seed-lz4', frames(b'{"htype":"image","frame":1,"shape":[4097],"type":"uint16","compression":"lz4","msg_number":2}',
                              vector('u16_4097.lz4')))
put(stins, 'seed-none', frames(b'{"htype":"image","frame":2,"shape":[2,2],"type":"float32","compression":"none","msg_number":3}',
                               bytes(16)))
put(stins, 'seed-end', frames(b'{"htype":"series_end","msg_number":4}'))

eiger = 'eiger/EigerLegacyFuzzTestInputs/parse'
put(eiger, 'seed-image', frames(b'{"frame":0,"hash":"00","htype":"dimage-1.0","series":6}',
                                b'{"encoding":"bs16-lz4<","htype":"dimage_d-1.0","shape":[4,4],"size":50,"type":"int16"}', i16,
                                b'{"htype":"dconfig-1.0","real_time":1,"start_time":2,"stop_time":3}', b'{}'))
put(eiger, 'seed-header', frames(b'{"header_detail":"all","htype":"dheader-1.0","series":6}', b'{"nimages":1}',
                                 b'{"htype":"dflatfield-1.0","shape":[2,2],"type":"float32"}', bytes(16),
                                 b'{"htype":"dpixelmask-1.0","shape":[2,2],"type":"uint32"}', bytes(16),
                                 b'{"htype":"dcountrate_table-1.0","shape":[2,3],"type":"float32"}', bytes(24), b'{"a":1}'))
put(eiger, 'seed-end', frames(b'{"htype":"dseries_end-1.0","series":6}'))
