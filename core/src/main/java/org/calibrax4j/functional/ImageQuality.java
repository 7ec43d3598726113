package org.calibrax4j.functional;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Full-reference image quality: PSNR and SSIM, matching scikit-image 0.19.3
 * ({@code skimage.metrics}). Images are any numeric dtype and are read as float64 without rescaling
 * (uint8 stays 0..255); the data range R is always explicit.
 */
public final class ImageQuality {
    private ImageQuality() {
    }

    /**
     * SSIM settings (Wang et al. 2004, scikit-image {@code gaussian_weights=True,
     * use_sample_covariance=False}): Gaussian window with {@code sigma}, truncated at radius
     * int(3.5·sigma + 0.5); C1 = (k1·R)², C2 = (k2·R)².
     *
     * @param sigma Gaussian standard deviation, &gt; 0
     * @param k1 luminance constant, &gt; 0
     * @param k2 contrast constant, &gt; 0
     */
    public record SsimConfig(double sigma, double k1, double k2) {
        /** sigma = 1.5, K1 = 0.01, K2 = 0.03 (scikit-image / Wang et al.). */
        public static final SsimConfig DEFAULT = new SsimConfig(1.5, 0.01, 0.03);

        /** @throws IllegalArgumentException unless every value is finite and &gt; 0 */
        public SsimConfig {
            Inputs.positiveFinite("ssim", "sigma", sigma);
            Inputs.positiveFinite("ssim", "k1", k1);
            Inputs.positiveFinite("ssim", "k2", k2);
        }

        /** Window radius int(3.5·sigma + 0.5) (SciPy's truncate = 3.5). */
        public int radius() {
            return (int) (3.5 * sigma + 0.5);
        }
    }

    /**
     * Peak signal-to-noise ratio 10·log10(R²/MSE) with the MSE over all pixels (and channels) in
     * float64; as {@code skimage.metrics.peak_signal_noise_ratio(image_true, image_test, data_range=R)}.
     * Identical images give +inf (MSE = 0), as scikit-image.
     *
     * @throws IllegalArgumentException on shape mismatch, non-finite pixels or R ≤ 0
     */
    public static double psnr(INDArray imageTrue, INDArray imageTest, double dataRange) {
        String fn = "psnr";
        Inputs.positiveFinite(fn, "dataRange", dataRange);
        Inputs.nonEmpty(fn, "imageTrue", imageTrue);
        Inputs.sameShape(fn, "imageTrue", imageTrue, "imageTest", imageTest);
        double[] a = Inputs.finite(fn, "imageTrue", imageTrue);
        double[] b = Inputs.finite(fn, "imageTest", imageTest);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        double mse = s / a.length;
        return 10 * Math.log10(dataRange * dataRange / mse);
    }

    /** SSIM with {@link SsimConfig#DEFAULT}; see {@link #ssim(INDArray, INDArray, double, SsimConfig)}. */
    public static double ssim(INDArray im1, INDArray im2, double dataRange) {
        return ssim(im1, im2, dataRange, SsimConfig.DEFAULT);
    }

    /**
     * Mean structural similarity. {@code im1}, {@code im2}: (H, W) grey or (H, W, C) channels-last
     * (scikit-image {@code channel_axis=2}; the result is the mean of the per-channel SSIMs).
     * With w the normalised 1-D Gaussian applied separably, μ = w∗x, σ_x² = w∗x² − μ_x²,
     * σ_xy = w∗(xy) − μ_xμ_y:
     * S = (2μ_xμ_y + C1)(2σ_xy + C2) / ((μ_x² + μ_y² + C1)(σ_x² + σ_y² + C2)), averaged over the
     * (H − 2r)×(W − 2r) positions whose window lies inside the image — what
     * {@code structural_similarity(im1, im2, data_range=R, gaussian_weights=True, sigma=1.5,
     * use_sample_covariance=False)} computes (its reflect padding is cropped away).
     *
     * @throws IllegalArgumentException on shape mismatch, rank other than 2 or 3, images smaller than
     *     the 2r+1 window, non-finite pixels or R ≤ 0
     */
    public static double ssim(INDArray im1, INDArray im2, double dataRange, SsimConfig config) {
        String fn = "ssim";
        Inputs.notNull(fn, "config", config);
        Inputs.positiveFinite(fn, "dataRange", dataRange);
        Inputs.rank(fn, "im1", im1, 2, 3);
        Inputs.sameShape(fn, "im1", im1, "im2", im2);
        int h = (int) im1.size(0);
        int w = (int) im1.size(1);
        int ch = im1.rank() == 3 ? (int) im1.size(2) : 1;
        int r = config.radius();
        int win = 2 * r + 1;
        if (h < win || w < win) {
            throw new IllegalArgumentException(String.format(
                    "%s: images must be at least %dx%d (the Gaussian window), got shape %s",
                    fn, win, win, Inputs.shape(im1)));
        }
        double[] a = Inputs.finite(fn, "im1", im1);
        double[] b = Inputs.finite(fn, "im2", im2);
        double[] kernel = gaussian(config.sigma(), r);
        double c1 = Math.pow(config.k1() * dataRange, 2);
        double c2 = Math.pow(config.k2() * dataRange, 2);
        double total = 0;
        double[] x = new double[h * w];
        double[] y = new double[h * w];
        for (int c = 0; c < ch; c++) {
            for (int i = 0; i < h * w; i++) {
                x[i] = a[i * ch + c];
                y[i] = b[i * ch + c];
            }
            total += channelSsim(x, y, h, w, kernel, r, c1, c2);
        }
        return total / ch;
    }

    static double[] gaussian(double sigma, int r) {
        double[] k = new double[2 * r + 1];
        double s = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-0.5 / (sigma * sigma) * i * i);
            s += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= s;
        }
        return k;
    }

    private static double channelSsim(double[] x, double[] y, int h, int w, double[] k, int r, double c1, double c2) {
        double[] xx = new double[x.length];
        double[] yy = new double[x.length];
        double[] xy = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] ux = filter(x, h, w, k, r);
        double[] uy = filter(y, h, w, k, r);
        double[] uxx = filter(xx, h, w, k, r);
        double[] uyy = filter(yy, h, w, k, r);
        double[] uxy = filter(xy, h, w, k, r);
        double sum = 0;
        for (int i = 0; i < ux.length; i++) {
            double vx = uxx[i] - ux[i] * ux[i];
            double vy = uyy[i] - uy[i] * uy[i];
            double vxy = uxy[i] - ux[i] * uy[i];
            double a1 = 2 * ux[i] * uy[i] + c1;
            double a2 = 2 * vxy + c2;
            double b1 = ux[i] * ux[i] + uy[i] * uy[i] + c1;
            double b2 = vx + vy + c2;
            sum += (a1 * a2) / (b1 * b2);
        }
        return sum / ux.length;
    }

    /**
     * Separable correlation (axis 0, then axis 1, SciPy's order) evaluated only at the interior
     * (H − 2r)×(W − 2r) positions, whose windows never reach the padding.
     */
    private static double[] filter(double[] img, int h, int w, double[] k, int r) {
        int oh = h - 2 * r;
        int ow = w - 2 * r;
        double[] rows = new double[oh * w];
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < w; j++) {
                double s = 0;
                for (int t = 0; t < k.length; t++) {
                    s += k[t] * img[(i + t) * w + j];
                }
                rows[i * w + j] = s;
            }
        }
        double[] out = new double[oh * ow];
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                double s = 0;
                for (int t = 0; t < k.length; t++) {
                    s += k[t] * rows[i * w + j + t];
                }
                out[i * ow + j] = s;
            }
        }
        return out;
    }
}
