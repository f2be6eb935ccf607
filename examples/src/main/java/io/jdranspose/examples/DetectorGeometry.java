package io.jdranspose.examples;

import io.jdranspose.api.Parameters;

/**
 * Where the beam hits a flat detector normal to it, and what a radius on the detector means in
 * reciprocal space: {@code 2θ = atan(r · pixel / distance)} and {@code q = 4π sin(θ) / λ} in 1/Å.
 *
 * @param beamX beam centre column in pixels (pixel {@code x} has its centre at {@code x})
 * @param beamY beam centre row in pixels
 */
record DetectorGeometry(double beamX, double beamY, double pixelSizeM, double distanceM, double wavelengthA) {

    DetectorGeometry {
        if (!(pixelSizeM > 0) || !(distanceM > 0) || !(wavelengthA > 0)) {
            throw new IllegalArgumentException("pixel size, distance and wavelength must be positive, got "
                    + pixelSizeM + " m, " + distanceM + " m, " + wavelengthA + " Å");
        }
        if (!Double.isFinite(beamX) || !Double.isFinite(beamY)) {
            throw new IllegalArgumentException("beam centre must be finite, got (" + beamX + ", " + beamY + ")");
        }
    }

    /** The geometry the parameters describe for a {@code rows × cols} image; a NaN or negative beam coordinate means its centre. */
    static DetectorGeometry of(Parameters parameters, int rows, int cols) {
        double x = parameters.get(AzintParameters.BEAM_X);
        double y = parameters.get(AzintParameters.BEAM_Y);
        return new DetectorGeometry(
                Double.isNaN(x) || x < 0 ? (cols - 1) / 2.0 : x,
                Double.isNaN(y) || y < 0 ? (rows - 1) / 2.0 : y,
                parameters.get(AzintParameters.PIXEL_SIZE),
                parameters.get(AzintParameters.DISTANCE),
                parameters.get(AzintParameters.WAVELENGTH));
    }

    /** Scattering vector length in 1/Å at {@code radius} pixels from the beam centre. */
    double q(double radius) {
        double twoTheta = Math.atan(radius * pixelSizeM / distanceM);
        return 4 * Math.PI * Math.sin(twoTheta / 2) / wavelengthA;
    }

    /** Distance in pixels of pixel {@code (x, y)} from the beam centre. */
    double radius(int x, int y) {
        return Math.hypot(x - beamX, y - beamY);
    }
}
