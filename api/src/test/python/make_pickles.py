"""Writes the small pickles PickleReaderTest decodes (run with numpy 1.24: /usr/bin/python3 make_pickles.py).

The expected values are repeated literally in PickleReaderTest; change both together."""
import collections
import os
import pickle

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), '..', 'resources', 'io', 'jdranspose', 'api', 'pickle')


def arrays():
    return {
        'f64_1d': np.array([1.5, -2.25, 3e300]),
        'u32_2d': (np.arange(6, dtype=np.uint32) + 4294967290).reshape(2, 3),
        'i32_2d': np.array([[-1, 2], [3, -4], [5, 6]], dtype=np.int32),
        'f64_0d': np.array(7.25),
        'be_i4': np.array([1, -2], dtype='>i4'),
        'f32': np.array([0.5, 1.5], dtype=np.float32),
        'empty': np.zeros((0, 3)),
        'bool': np.array([True, False, True]),
        'scalar_f8': np.float64(2.5),
        'scalar_i8': np.int64(-3),
        'scalar_u4': np.uint32(4000000000),
    }


def plain():
    shared = [1, 2]
    return {
        'none': None, 'true': True, 'false': False,
        'int': -5, 'int4': 100000, 'int8': -2 ** 40, 'big': 2 ** 70, 'neg_big': -2 ** 65,
        'float': 0.1, 'str': 'h\u00e9llo \u2603', 'bytes': b'\x00\xff\x10',
        'list': [1, [2, [3]]], 'tuple': (1, 'a', (2.0,)), 'empty_tuple': (),
        'od': collections.OrderedDict([('z', 1), ('a', 2)]),
        'nested': {'a': {'b': [1.0, {'c': None}]}},
        'shared': [shared, shared],
        'long_list': list(range(1500)),
        (1, 'k'): 'tuple key', 7: 'int key',
        'bytearray': bytearray(b'ab'),
    }


def main():
    for proto in (2, 3, 4):
        with open(os.path.join(OUT, 'arrays-p%d.pickle' % proto), 'wb') as f:
            pickle.dump(arrays(), f, protocol=proto)
        with open(os.path.join(OUT, 'plain-p%d.pickle' % proto), 'wb') as f:
            pickle.dump(plain(), f, protocol=proto)
    # Protocol 0/1 only for what they encode without quoted text (STRING/UNICODE are not supported).
    for proto in (0, 1):
        with open(os.path.join(OUT, 'numbers-p%d.pickle' % proto), 'wb') as f:
            pickle.dump([1, -2, 2 ** 70, 0.5, None, True, [3, (4,)], {5: 6}], f, protocol=proto)


if __name__ == '__main__':
    main()
