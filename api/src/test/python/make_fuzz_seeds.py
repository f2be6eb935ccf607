"""Writes small seed inputs for the parser fuzz tests from the captures (frames joined by FuzzFrames.SEPARATOR).

Run: /usr/bin/python3 make_fuzz_seeds.py  (needs ../shared/data/captures beside the project)."""
import json
import os

import captures

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, '..', 'resources', 'io', 'jdranspose', 'api')
CAPTURES = os.path.join(HERE, '..', '..', '..', '..', '..', 'shared', 'data', 'captures')
SEP = b'\n#frame#\n'


def write(package, test, method, name, frames):
    d = os.path.join(RES, package, test + 'Inputs', method)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(SEP.join(frames))


def main():
    contrast = captures.messages(os.path.join(CAPTURES, 'contrast-dump.cbors'))
    xspress = captures.messages(os.path.join(CAPTURES, 'xspress3-dump.cbors'))
    lecroy = captures.messages(os.path.join(CAPTURES, 'maui-02-continuous-3.cbor.gz'))
    pickles = {'contrast-heartbeat': contrast[0][0], 'contrast-running': contrast[2][0],
               'xspress3-meta': xspress[3][0], 'lecroy-timestamps': lecroy[2][2]}
    for name, p in pickles.items():
        write('pickle', 'PickleReaderFuzzTest', 'decodesOrRefuses', name, [p])

    for name, i in (('heartbeat', 0), ('started', 1), ('running', 2)):
        write('contrast', 'ContrastFuzzTest', 'parsesOrRefuses', name, contrast[i])

    header = json.loads(xspress[1][0])
    header['shape'] = [4, 2]  # keep the spectra small: 4 channels, 2 bins
    small = [json.dumps(header).encode(), xspress[2][0][:4 * 2 * 4], xspress[3][0]]
    write('xspress', 'Xspress3FuzzTest', 'parsesOrRefuses', 'start', xspress[0])
    write('xspress', 'Xspress3FuzzTest', 'parsesOrRefuses', 'image', small)
    write('xspress', 'Xspress3FuzzTest', 'parsesOrRefuses', 'end', xspress[61])

    seq = [lecroy[1][0]]
    for m in lecroy[2:4]:
        meta = json.loads(m[0])
        meta['shape'] = [1, 4]
        seq += [json.dumps(meta).encode(), m[1][:32], m[2]]
    seq.append(lecroy[4][0])
    write('lecroy', 'LeCroyFuzzTest', 'parsesOrRefuses', 'prepare', lecroy[0])
    write('lecroy', 'LeCroyFuzzTest', 'parsesOrRefuses', 'sequence', seq)
    write('lecroy', 'LeCroyFuzzTest', 'parsesOrRefuses', 'stop', lecroy[8])


if __name__ == '__main__':
    main()
