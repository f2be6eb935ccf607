package io.jdranspose.api.compression;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * bitshuffle's transpose within one block: bit {@code k} of byte {@code j} of element {@code i} sits in bit-plane
 * row {@code 8j + k}, at bit {@code i % 8} of that row's byte {@code i / 8}. Undoing it is transposing a
 * (8 × item size) × n bit matrix. For 2 and 4 byte items the matrix is cut into 16×64 or 32×64 tiles, each row of
 * a tile one little-endian long, transposed in registers by log2(rows) rounds of masked swaps (Hacker's Delight
 * 7-3): the unrolled code with one local per row is what lets the JIT keep the tile in registers, and runs about
 * three times faster than transposing 8×8 bit blocks byte by byte. Leftover columns (blocks whose element count
 * is a multiple of 8 but not of 64) and 1 and 8 byte items use the 8×8 transpose.
 */
final class BitPlanes {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int GROUP = 8;

    private BitPlanes() {
    }

    /** Writes the {@code n} elements ({@code n % 8 == 0}) of one bitshuffled block to {@code out[o..]}. */
    static void unshuffle(byte[] in, int n, int itemSize, byte[] out, int o) {
        int done = switch (itemSize) {
            case 2 -> unshuffle16(in, n, out, o);
            case 4 -> unshuffle32(in, n, out, o);
            default -> 0;
        };
        int row = n / GROUP;
        for (int g = done / GROUP; g < row; g++) {
            int at = o + GROUP * itemSize * g;
            for (int j = 0; j < itemSize; j++) {
                long x = transpose(gather(in, GROUP * j * row + g, row));
                if (itemSize == 1) {
                    LONG_LE.set(out, at, x);
                    continue;
                }
                for (int m = 0; m < GROUP; m++) {
                    out[at + j + m * itemSize] = (byte) (x >>> (8 * m));
                }
            }
        }
    }

    /** 32 bit planes × 64 elements at a time; returns the number of elements done (a multiple of 64). */
    private static int unshuffle32(byte[] in, int n, byte[] out, int o) {
        int row = n / 8;
        int chunks = row / 8;
        for (int c = 0; c < chunks; c++) {
            int at = 8 * c;
            long a0 = (long) LONG_LE.get(in, at + 0 * row);
            long a1 = (long) LONG_LE.get(in, at + 1 * row);
            long a2 = (long) LONG_LE.get(in, at + 2 * row);
            long a3 = (long) LONG_LE.get(in, at + 3 * row);
            long a4 = (long) LONG_LE.get(in, at + 4 * row);
            long a5 = (long) LONG_LE.get(in, at + 5 * row);
            long a6 = (long) LONG_LE.get(in, at + 6 * row);
            long a7 = (long) LONG_LE.get(in, at + 7 * row);
            long a8 = (long) LONG_LE.get(in, at + 8 * row);
            long a9 = (long) LONG_LE.get(in, at + 9 * row);
            long a10 = (long) LONG_LE.get(in, at + 10 * row);
            long a11 = (long) LONG_LE.get(in, at + 11 * row);
            long a12 = (long) LONG_LE.get(in, at + 12 * row);
            long a13 = (long) LONG_LE.get(in, at + 13 * row);
            long a14 = (long) LONG_LE.get(in, at + 14 * row);
            long a15 = (long) LONG_LE.get(in, at + 15 * row);
            long a16 = (long) LONG_LE.get(in, at + 16 * row);
            long a17 = (long) LONG_LE.get(in, at + 17 * row);
            long a18 = (long) LONG_LE.get(in, at + 18 * row);
            long a19 = (long) LONG_LE.get(in, at + 19 * row);
            long a20 = (long) LONG_LE.get(in, at + 20 * row);
            long a21 = (long) LONG_LE.get(in, at + 21 * row);
            long a22 = (long) LONG_LE.get(in, at + 22 * row);
            long a23 = (long) LONG_LE.get(in, at + 23 * row);
            long a24 = (long) LONG_LE.get(in, at + 24 * row);
            long a25 = (long) LONG_LE.get(in, at + 25 * row);
            long a26 = (long) LONG_LE.get(in, at + 26 * row);
            long a27 = (long) LONG_LE.get(in, at + 27 * row);
            long a28 = (long) LONG_LE.get(in, at + 28 * row);
            long a29 = (long) LONG_LE.get(in, at + 29 * row);
            long a30 = (long) LONG_LE.get(in, at + 30 * row);
            long a31 = (long) LONG_LE.get(in, at + 31 * row);
            long t;
            t = ((a0 >>> 16) ^ a16) & 0x0000FFFF0000FFFFL; a16 ^= t; a0 ^= t << 16;
            t = ((a1 >>> 16) ^ a17) & 0x0000FFFF0000FFFFL; a17 ^= t; a1 ^= t << 16;
            t = ((a2 >>> 16) ^ a18) & 0x0000FFFF0000FFFFL; a18 ^= t; a2 ^= t << 16;
            t = ((a3 >>> 16) ^ a19) & 0x0000FFFF0000FFFFL; a19 ^= t; a3 ^= t << 16;
            t = ((a4 >>> 16) ^ a20) & 0x0000FFFF0000FFFFL; a20 ^= t; a4 ^= t << 16;
            t = ((a5 >>> 16) ^ a21) & 0x0000FFFF0000FFFFL; a21 ^= t; a5 ^= t << 16;
            t = ((a6 >>> 16) ^ a22) & 0x0000FFFF0000FFFFL; a22 ^= t; a6 ^= t << 16;
            t = ((a7 >>> 16) ^ a23) & 0x0000FFFF0000FFFFL; a23 ^= t; a7 ^= t << 16;
            t = ((a8 >>> 16) ^ a24) & 0x0000FFFF0000FFFFL; a24 ^= t; a8 ^= t << 16;
            t = ((a9 >>> 16) ^ a25) & 0x0000FFFF0000FFFFL; a25 ^= t; a9 ^= t << 16;
            t = ((a10 >>> 16) ^ a26) & 0x0000FFFF0000FFFFL; a26 ^= t; a10 ^= t << 16;
            t = ((a11 >>> 16) ^ a27) & 0x0000FFFF0000FFFFL; a27 ^= t; a11 ^= t << 16;
            t = ((a12 >>> 16) ^ a28) & 0x0000FFFF0000FFFFL; a28 ^= t; a12 ^= t << 16;
            t = ((a13 >>> 16) ^ a29) & 0x0000FFFF0000FFFFL; a29 ^= t; a13 ^= t << 16;
            t = ((a14 >>> 16) ^ a30) & 0x0000FFFF0000FFFFL; a30 ^= t; a14 ^= t << 16;
            t = ((a15 >>> 16) ^ a31) & 0x0000FFFF0000FFFFL; a31 ^= t; a15 ^= t << 16;
            t = ((a0 >>> 8) ^ a8) & 0x00FF00FF00FF00FFL; a8 ^= t; a0 ^= t << 8;
            t = ((a1 >>> 8) ^ a9) & 0x00FF00FF00FF00FFL; a9 ^= t; a1 ^= t << 8;
            t = ((a2 >>> 8) ^ a10) & 0x00FF00FF00FF00FFL; a10 ^= t; a2 ^= t << 8;
            t = ((a3 >>> 8) ^ a11) & 0x00FF00FF00FF00FFL; a11 ^= t; a3 ^= t << 8;
            t = ((a4 >>> 8) ^ a12) & 0x00FF00FF00FF00FFL; a12 ^= t; a4 ^= t << 8;
            t = ((a5 >>> 8) ^ a13) & 0x00FF00FF00FF00FFL; a13 ^= t; a5 ^= t << 8;
            t = ((a6 >>> 8) ^ a14) & 0x00FF00FF00FF00FFL; a14 ^= t; a6 ^= t << 8;
            t = ((a7 >>> 8) ^ a15) & 0x00FF00FF00FF00FFL; a15 ^= t; a7 ^= t << 8;
            t = ((a16 >>> 8) ^ a24) & 0x00FF00FF00FF00FFL; a24 ^= t; a16 ^= t << 8;
            t = ((a17 >>> 8) ^ a25) & 0x00FF00FF00FF00FFL; a25 ^= t; a17 ^= t << 8;
            t = ((a18 >>> 8) ^ a26) & 0x00FF00FF00FF00FFL; a26 ^= t; a18 ^= t << 8;
            t = ((a19 >>> 8) ^ a27) & 0x00FF00FF00FF00FFL; a27 ^= t; a19 ^= t << 8;
            t = ((a20 >>> 8) ^ a28) & 0x00FF00FF00FF00FFL; a28 ^= t; a20 ^= t << 8;
            t = ((a21 >>> 8) ^ a29) & 0x00FF00FF00FF00FFL; a29 ^= t; a21 ^= t << 8;
            t = ((a22 >>> 8) ^ a30) & 0x00FF00FF00FF00FFL; a30 ^= t; a22 ^= t << 8;
            t = ((a23 >>> 8) ^ a31) & 0x00FF00FF00FF00FFL; a31 ^= t; a23 ^= t << 8;
            t = ((a0 >>> 4) ^ a4) & 0x0F0F0F0F0F0F0F0FL; a4 ^= t; a0 ^= t << 4;
            t = ((a1 >>> 4) ^ a5) & 0x0F0F0F0F0F0F0F0FL; a5 ^= t; a1 ^= t << 4;
            t = ((a2 >>> 4) ^ a6) & 0x0F0F0F0F0F0F0F0FL; a6 ^= t; a2 ^= t << 4;
            t = ((a3 >>> 4) ^ a7) & 0x0F0F0F0F0F0F0F0FL; a7 ^= t; a3 ^= t << 4;
            t = ((a8 >>> 4) ^ a12) & 0x0F0F0F0F0F0F0F0FL; a12 ^= t; a8 ^= t << 4;
            t = ((a9 >>> 4) ^ a13) & 0x0F0F0F0F0F0F0F0FL; a13 ^= t; a9 ^= t << 4;
            t = ((a10 >>> 4) ^ a14) & 0x0F0F0F0F0F0F0F0FL; a14 ^= t; a10 ^= t << 4;
            t = ((a11 >>> 4) ^ a15) & 0x0F0F0F0F0F0F0F0FL; a15 ^= t; a11 ^= t << 4;
            t = ((a16 >>> 4) ^ a20) & 0x0F0F0F0F0F0F0F0FL; a20 ^= t; a16 ^= t << 4;
            t = ((a17 >>> 4) ^ a21) & 0x0F0F0F0F0F0F0F0FL; a21 ^= t; a17 ^= t << 4;
            t = ((a18 >>> 4) ^ a22) & 0x0F0F0F0F0F0F0F0FL; a22 ^= t; a18 ^= t << 4;
            t = ((a19 >>> 4) ^ a23) & 0x0F0F0F0F0F0F0F0FL; a23 ^= t; a19 ^= t << 4;
            t = ((a24 >>> 4) ^ a28) & 0x0F0F0F0F0F0F0F0FL; a28 ^= t; a24 ^= t << 4;
            t = ((a25 >>> 4) ^ a29) & 0x0F0F0F0F0F0F0F0FL; a29 ^= t; a25 ^= t << 4;
            t = ((a26 >>> 4) ^ a30) & 0x0F0F0F0F0F0F0F0FL; a30 ^= t; a26 ^= t << 4;
            t = ((a27 >>> 4) ^ a31) & 0x0F0F0F0F0F0F0F0FL; a31 ^= t; a27 ^= t << 4;
            t = ((a0 >>> 2) ^ a2) & 0x3333333333333333L; a2 ^= t; a0 ^= t << 2;
            t = ((a1 >>> 2) ^ a3) & 0x3333333333333333L; a3 ^= t; a1 ^= t << 2;
            t = ((a4 >>> 2) ^ a6) & 0x3333333333333333L; a6 ^= t; a4 ^= t << 2;
            t = ((a5 >>> 2) ^ a7) & 0x3333333333333333L; a7 ^= t; a5 ^= t << 2;
            t = ((a8 >>> 2) ^ a10) & 0x3333333333333333L; a10 ^= t; a8 ^= t << 2;
            t = ((a9 >>> 2) ^ a11) & 0x3333333333333333L; a11 ^= t; a9 ^= t << 2;
            t = ((a12 >>> 2) ^ a14) & 0x3333333333333333L; a14 ^= t; a12 ^= t << 2;
            t = ((a13 >>> 2) ^ a15) & 0x3333333333333333L; a15 ^= t; a13 ^= t << 2;
            t = ((a16 >>> 2) ^ a18) & 0x3333333333333333L; a18 ^= t; a16 ^= t << 2;
            t = ((a17 >>> 2) ^ a19) & 0x3333333333333333L; a19 ^= t; a17 ^= t << 2;
            t = ((a20 >>> 2) ^ a22) & 0x3333333333333333L; a22 ^= t; a20 ^= t << 2;
            t = ((a21 >>> 2) ^ a23) & 0x3333333333333333L; a23 ^= t; a21 ^= t << 2;
            t = ((a24 >>> 2) ^ a26) & 0x3333333333333333L; a26 ^= t; a24 ^= t << 2;
            t = ((a25 >>> 2) ^ a27) & 0x3333333333333333L; a27 ^= t; a25 ^= t << 2;
            t = ((a28 >>> 2) ^ a30) & 0x3333333333333333L; a30 ^= t; a28 ^= t << 2;
            t = ((a29 >>> 2) ^ a31) & 0x3333333333333333L; a31 ^= t; a29 ^= t << 2;
            t = ((a0 >>> 1) ^ a1) & 0x5555555555555555L; a1 ^= t; a0 ^= t << 1;
            t = ((a2 >>> 1) ^ a3) & 0x5555555555555555L; a3 ^= t; a2 ^= t << 1;
            t = ((a4 >>> 1) ^ a5) & 0x5555555555555555L; a5 ^= t; a4 ^= t << 1;
            t = ((a6 >>> 1) ^ a7) & 0x5555555555555555L; a7 ^= t; a6 ^= t << 1;
            t = ((a8 >>> 1) ^ a9) & 0x5555555555555555L; a9 ^= t; a8 ^= t << 1;
            t = ((a10 >>> 1) ^ a11) & 0x5555555555555555L; a11 ^= t; a10 ^= t << 1;
            t = ((a12 >>> 1) ^ a13) & 0x5555555555555555L; a13 ^= t; a12 ^= t << 1;
            t = ((a14 >>> 1) ^ a15) & 0x5555555555555555L; a15 ^= t; a14 ^= t << 1;
            t = ((a16 >>> 1) ^ a17) & 0x5555555555555555L; a17 ^= t; a16 ^= t << 1;
            t = ((a18 >>> 1) ^ a19) & 0x5555555555555555L; a19 ^= t; a18 ^= t << 1;
            t = ((a20 >>> 1) ^ a21) & 0x5555555555555555L; a21 ^= t; a20 ^= t << 1;
            t = ((a22 >>> 1) ^ a23) & 0x5555555555555555L; a23 ^= t; a22 ^= t << 1;
            t = ((a24 >>> 1) ^ a25) & 0x5555555555555555L; a25 ^= t; a24 ^= t << 1;
            t = ((a26 >>> 1) ^ a27) & 0x5555555555555555L; a27 ^= t; a26 ^= t << 1;
            t = ((a28 >>> 1) ^ a29) & 0x5555555555555555L; a29 ^= t; a28 ^= t << 1;
            t = ((a30 >>> 1) ^ a31) & 0x5555555555555555L; a31 ^= t; a30 ^= t << 1;
            int base = o + 256 * c;
            LONG_LE.set(out, base + 0, (a0 & 0xFFFFFFFFL) | (a1 << 32));
            LONG_LE.set(out, base + 128, (a0 >>> 32) | (a1 & 0xFFFFFFFF00000000L));
            LONG_LE.set(out, base + 8, (a2 & 0xFFFFFFFFL) | (a3 << 32));
            LONG_LE.set(out, base + 136, (a2 >>> 32) | (a3 & 0xFFFFFFFF00000000L));
            LONG_LE.set(out, base + 16, (a4 & 0xFFFFFFFFL) | (a5 << 32));
            LONG_LE.set(out, base + 144, (a4 >>> 32) | (a5 & 0xFFFFFFFF00000000L));
            LONG_LE.set(out, base + 24, (a6 & 0xFFFFFFFFL) | (a7 << 32));
            LONG_LE.set(out, base + 152, (a6 >>> 32) | (a7 & 0xFFFFFFFF00000000L));
            LONG_LE.set(out, base + 32, (a8 & 0xFFFFFFFFL) | (a9 << 32));
            LONG_LE.set(out, base + 160, (a8 >>> 32) | (a9 & 0xFFFFFFFF00000000L));
            LONG_LE.set(out, base + 40, (a10 & 0xFFFFFFFFL) | (a11 << 32));
            LONG_LE.set(out, base + 168, (a10 >>> 32) | (a11 & 0xFFFFFFFF00000000L));
            LONG_LE.set(out, base + 48, (a12 & 0xFFFFFFFFL) | (a13 << 32));
            LONG_LE.set(out, base + 176, (a12 >>> 32) | (a13 & 0xFFFFFFFF00000000L));
            LONG_LE.set(out, base + 56, (a14 & 0xFFFFFFFFL) | (a15 << 32));
            LONG_LE.set(out, base + 184, (a14 >>> 32) | (a15 & 0xFFFFFFFF00000000L));
            LONG_LE.set(out, base + 64, (a16 & 0xFFFFFFFFL) | (a17 << 32));
            LONG_LE.set(out, base + 192, (a16 >>> 32) | (a17 & 0xFFFFFFFF00000000L));
            LONG_LE.set(out, base + 72, (a18 & 0xFFFFFFFFL) | (a19 << 32));
            LONG_LE.set(out, base + 200, (a18 >>> 32) | (a19 & 0xFFFFFFFF00000000L));
            LONG_LE.set(out, base + 80, (a20 & 0xFFFFFFFFL) | (a21 << 32));
            LONG_LE.set(out, base + 208, (a20 >>> 32) | (a21 & 0xFFFFFFFF00000000L));
            LONG_LE.set(out, base + 88, (a22 & 0xFFFFFFFFL) | (a23 << 32));
            LONG_LE.set(out, base + 216, (a22 >>> 32) | (a23 & 0xFFFFFFFF00000000L));
            LONG_LE.set(out, base + 96, (a24 & 0xFFFFFFFFL) | (a25 << 32));
            LONG_LE.set(out, base + 224, (a24 >>> 32) | (a25 & 0xFFFFFFFF00000000L));
            LONG_LE.set(out, base + 104, (a26 & 0xFFFFFFFFL) | (a27 << 32));
            LONG_LE.set(out, base + 232, (a26 >>> 32) | (a27 & 0xFFFFFFFF00000000L));
            LONG_LE.set(out, base + 112, (a28 & 0xFFFFFFFFL) | (a29 << 32));
            LONG_LE.set(out, base + 240, (a28 >>> 32) | (a29 & 0xFFFFFFFF00000000L));
            LONG_LE.set(out, base + 120, (a30 & 0xFFFFFFFFL) | (a31 << 32));
            LONG_LE.set(out, base + 248, (a30 >>> 32) | (a31 & 0xFFFFFFFF00000000L));
        }
        return chunks * 64;
    }

    /** 16 bit planes × 64 elements at a time; returns the number of elements done (a multiple of 64). */
    private static int unshuffle16(byte[] in, int n, byte[] out, int o) {
        int row = n / 8;
        int chunks = row / 8;
        for (int c = 0; c < chunks; c++) {
            int at = 8 * c;
            long a0 = (long) LONG_LE.get(in, at + 0 * row);
            long a1 = (long) LONG_LE.get(in, at + 1 * row);
            long a2 = (long) LONG_LE.get(in, at + 2 * row);
            long a3 = (long) LONG_LE.get(in, at + 3 * row);
            long a4 = (long) LONG_LE.get(in, at + 4 * row);
            long a5 = (long) LONG_LE.get(in, at + 5 * row);
            long a6 = (long) LONG_LE.get(in, at + 6 * row);
            long a7 = (long) LONG_LE.get(in, at + 7 * row);
            long a8 = (long) LONG_LE.get(in, at + 8 * row);
            long a9 = (long) LONG_LE.get(in, at + 9 * row);
            long a10 = (long) LONG_LE.get(in, at + 10 * row);
            long a11 = (long) LONG_LE.get(in, at + 11 * row);
            long a12 = (long) LONG_LE.get(in, at + 12 * row);
            long a13 = (long) LONG_LE.get(in, at + 13 * row);
            long a14 = (long) LONG_LE.get(in, at + 14 * row);
            long a15 = (long) LONG_LE.get(in, at + 15 * row);
            long t;
            t = ((a0 >>> 8) ^ a8) & 0x00FF00FF00FF00FFL; a8 ^= t; a0 ^= t << 8;
            t = ((a1 >>> 8) ^ a9) & 0x00FF00FF00FF00FFL; a9 ^= t; a1 ^= t << 8;
            t = ((a2 >>> 8) ^ a10) & 0x00FF00FF00FF00FFL; a10 ^= t; a2 ^= t << 8;
            t = ((a3 >>> 8) ^ a11) & 0x00FF00FF00FF00FFL; a11 ^= t; a3 ^= t << 8;
            t = ((a4 >>> 8) ^ a12) & 0x00FF00FF00FF00FFL; a12 ^= t; a4 ^= t << 8;
            t = ((a5 >>> 8) ^ a13) & 0x00FF00FF00FF00FFL; a13 ^= t; a5 ^= t << 8;
            t = ((a6 >>> 8) ^ a14) & 0x00FF00FF00FF00FFL; a14 ^= t; a6 ^= t << 8;
            t = ((a7 >>> 8) ^ a15) & 0x00FF00FF00FF00FFL; a15 ^= t; a7 ^= t << 8;
            t = ((a0 >>> 4) ^ a4) & 0x0F0F0F0F0F0F0F0FL; a4 ^= t; a0 ^= t << 4;
            t = ((a1 >>> 4) ^ a5) & 0x0F0F0F0F0F0F0F0FL; a5 ^= t; a1 ^= t << 4;
            t = ((a2 >>> 4) ^ a6) & 0x0F0F0F0F0F0F0F0FL; a6 ^= t; a2 ^= t << 4;
            t = ((a3 >>> 4) ^ a7) & 0x0F0F0F0F0F0F0F0FL; a7 ^= t; a3 ^= t << 4;
            t = ((a8 >>> 4) ^ a12) & 0x0F0F0F0F0F0F0F0FL; a12 ^= t; a8 ^= t << 4;
            t = ((a9 >>> 4) ^ a13) & 0x0F0F0F0F0F0F0F0FL; a13 ^= t; a9 ^= t << 4;
            t = ((a10 >>> 4) ^ a14) & 0x0F0F0F0F0F0F0F0FL; a14 ^= t; a10 ^= t << 4;
            t = ((a11 >>> 4) ^ a15) & 0x0F0F0F0F0F0F0F0FL; a15 ^= t; a11 ^= t << 4;
            t = ((a0 >>> 2) ^ a2) & 0x3333333333333333L; a2 ^= t; a0 ^= t << 2;
            t = ((a1 >>> 2) ^ a3) & 0x3333333333333333L; a3 ^= t; a1 ^= t << 2;
            t = ((a4 >>> 2) ^ a6) & 0x3333333333333333L; a6 ^= t; a4 ^= t << 2;
            t = ((a5 >>> 2) ^ a7) & 0x3333333333333333L; a7 ^= t; a5 ^= t << 2;
            t = ((a8 >>> 2) ^ a10) & 0x3333333333333333L; a10 ^= t; a8 ^= t << 2;
            t = ((a9 >>> 2) ^ a11) & 0x3333333333333333L; a11 ^= t; a9 ^= t << 2;
            t = ((a12 >>> 2) ^ a14) & 0x3333333333333333L; a14 ^= t; a12 ^= t << 2;
            t = ((a13 >>> 2) ^ a15) & 0x3333333333333333L; a15 ^= t; a13 ^= t << 2;
            t = ((a0 >>> 1) ^ a1) & 0x5555555555555555L; a1 ^= t; a0 ^= t << 1;
            t = ((a2 >>> 1) ^ a3) & 0x5555555555555555L; a3 ^= t; a2 ^= t << 1;
            t = ((a4 >>> 1) ^ a5) & 0x5555555555555555L; a5 ^= t; a4 ^= t << 1;
            t = ((a6 >>> 1) ^ a7) & 0x5555555555555555L; a7 ^= t; a6 ^= t << 1;
            t = ((a8 >>> 1) ^ a9) & 0x5555555555555555L; a9 ^= t; a8 ^= t << 1;
            t = ((a10 >>> 1) ^ a11) & 0x5555555555555555L; a11 ^= t; a10 ^= t << 1;
            t = ((a12 >>> 1) ^ a13) & 0x5555555555555555L; a13 ^= t; a12 ^= t << 1;
            t = ((a14 >>> 1) ^ a15) & 0x5555555555555555L; a15 ^= t; a14 ^= t << 1;
            int base = o + 128 * c;
            LONG_LE.set(out, base + 0, (a0 & 0xFFFFL) | (a1 & 0xFFFFL) << 16 | (a2 & 0xFFFFL) << 32 | (a3 & 0xFFFFL) << 48);
            LONG_LE.set(out, base + 8, (a4 & 0xFFFFL) | (a5 & 0xFFFFL) << 16 | (a6 & 0xFFFFL) << 32 | (a7 & 0xFFFFL) << 48);
            LONG_LE.set(out, base + 16, (a8 & 0xFFFFL) | (a9 & 0xFFFFL) << 16 | (a10 & 0xFFFFL) << 32 | (a11 & 0xFFFFL) << 48);
            LONG_LE.set(out, base + 24, (a12 & 0xFFFFL) | (a13 & 0xFFFFL) << 16 | (a14 & 0xFFFFL) << 32 | (a15 & 0xFFFFL) << 48);
            LONG_LE.set(out, base + 32, ((a0 >>> 16) & 0xFFFFL) | ((a1 >>> 16) & 0xFFFFL) << 16 | ((a2 >>> 16) & 0xFFFFL) << 32 | ((a3 >>> 16) & 0xFFFFL) << 48);
            LONG_LE.set(out, base + 40, ((a4 >>> 16) & 0xFFFFL) | ((a5 >>> 16) & 0xFFFFL) << 16 | ((a6 >>> 16) & 0xFFFFL) << 32 | ((a7 >>> 16) & 0xFFFFL) << 48);
            LONG_LE.set(out, base + 48, ((a8 >>> 16) & 0xFFFFL) | ((a9 >>> 16) & 0xFFFFL) << 16 | ((a10 >>> 16) & 0xFFFFL) << 32 | ((a11 >>> 16) & 0xFFFFL) << 48);
            LONG_LE.set(out, base + 56, ((a12 >>> 16) & 0xFFFFL) | ((a13 >>> 16) & 0xFFFFL) << 16 | ((a14 >>> 16) & 0xFFFFL) << 32 | ((a15 >>> 16) & 0xFFFFL) << 48);
            LONG_LE.set(out, base + 64, ((a0 >>> 32) & 0xFFFFL) | ((a1 >>> 32) & 0xFFFFL) << 16 | ((a2 >>> 32) & 0xFFFFL) << 32 | ((a3 >>> 32) & 0xFFFFL) << 48);
            LONG_LE.set(out, base + 72, ((a4 >>> 32) & 0xFFFFL) | ((a5 >>> 32) & 0xFFFFL) << 16 | ((a6 >>> 32) & 0xFFFFL) << 32 | ((a7 >>> 32) & 0xFFFFL) << 48);
            LONG_LE.set(out, base + 80, ((a8 >>> 32) & 0xFFFFL) | ((a9 >>> 32) & 0xFFFFL) << 16 | ((a10 >>> 32) & 0xFFFFL) << 32 | ((a11 >>> 32) & 0xFFFFL) << 48);
            LONG_LE.set(out, base + 88, ((a12 >>> 32) & 0xFFFFL) | ((a13 >>> 32) & 0xFFFFL) << 16 | ((a14 >>> 32) & 0xFFFFL) << 32 | ((a15 >>> 32) & 0xFFFFL) << 48);
            LONG_LE.set(out, base + 96, ((a0 >>> 48) & 0xFFFFL) | ((a1 >>> 48) & 0xFFFFL) << 16 | ((a2 >>> 48) & 0xFFFFL) << 32 | ((a3 >>> 48) & 0xFFFFL) << 48);
            LONG_LE.set(out, base + 104, ((a4 >>> 48) & 0xFFFFL) | ((a5 >>> 48) & 0xFFFFL) << 16 | ((a6 >>> 48) & 0xFFFFL) << 32 | ((a7 >>> 48) & 0xFFFFL) << 48);
            LONG_LE.set(out, base + 112, ((a8 >>> 48) & 0xFFFFL) | ((a9 >>> 48) & 0xFFFFL) << 16 | ((a10 >>> 48) & 0xFFFFL) << 32 | ((a11 >>> 48) & 0xFFFFL) << 48);
            LONG_LE.set(out, base + 120, ((a12 >>> 48) & 0xFFFFL) | ((a13 >>> 48) & 0xFFFFL) << 16 | ((a14 >>> 48) & 0xFFFFL) << 32 | ((a15 >>> 48) & 0xFFFFL) << 48);
        }
        return chunks * 64;
    }

    /** The bytes at {@code at}, {@code at + stride}, … {@code at + 7 stride} as one little-endian long. */
    private static long gather(byte[] in, int at, int stride) {
        return (in[at] & 0xFFL) | (in[at + stride] & 0xFFL) << 8 | (in[at + 2 * stride] & 0xFFL) << 16
                | (in[at + 3 * stride] & 0xFFL) << 24 | (in[at + 4 * stride] & 0xFFL) << 32
                | (in[at + 5 * stride] & 0xFFL) << 40 | (in[at + 6 * stride] & 0xFFL) << 48
                | (in[at + 7 * stride] & 0xFFL) << 56;
    }

    /** Transposes the 8×8 bit matrix whose row r is byte r: bit {@code 8r + c} moves to {@code 8c + r}. */
    static long transpose(long x) {
        long t = (x ^ (x >>> 7)) & 0x00AA00AA00AA00AAL;
        x = x ^ t ^ (t << 7);
        t = (x ^ (x >>> 14)) & 0x0000CCCC0000CCCCL;
        x = x ^ t ^ (t << 14);
        t = (x ^ (x >>> 28)) & 0x00000000F0F0F0F0L;
        return x ^ t ^ (t << 28);
    }

    /** The inverse of {@link #unshuffle}, for the encoder: elements {@code raw[from..]} to bit planes. */
    static void shuffle(byte[] raw, int from, int n, int itemSize, byte[] out) {
        int row = n / GROUP;
        for (int g = 0; g < row; g++) {
            for (int j = 0; j < itemSize; j++) {
                long x = 0;
                for (int m = 0; m < GROUP; m++) {
                    x |= (raw[from + (GROUP * g + m) * itemSize + j] & 0xFFL) << (8 * m);
                }
                x = transpose(x);
                for (int k = 0; k < GROUP; k++) {
                    out[(GROUP * j + k) * row + g] = (byte) (x >>> (8 * k));
                }
            }
        }
    }
}
