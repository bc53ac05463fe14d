#!/usr/bin/env python3
"""Reference fits of scikit-learn's GaussianMixture for the toolkit's `GaussianMixture` tests.

Writes Fixtures/gmm/<case>.json. Each case is a small seeded dataset, the k-means++ centres
sklearn picks on it (`sklearn.cluster.kmeans_plusplus`, the seeding of
`GaussianMixture(init_params="k-means++")`), and sklearn's fit from exactly those centres:
fitted weights, means, covariances, iterations, converged flag, lower bound(s), and the per-row
`score_samples` and `predict_proba` on the training rows and on a few probe rows.

The toolkit's tests run their own EM from the same centre rows (`GaussianMixture(fitting:
options:centres:)`), so both start from the same initial responsibilities (one-hot on the
centre rows, as sklearn's `_initialize_parameters` builds them) and must agree after the same
number of EM iterations. The tests do not need Python; run this only to regenerate:

    pip install scikit-learn numpy
    python3 Fixtures/scripts/gmm-reference.py      # from the package root
"""
import json
import os
import sys

import numpy as np
import sklearn
import sklearn.mixture._base as mixture_base
from sklearn.cluster import kmeans_plusplus
from sklearn.mixture import GaussianMixture

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "gmm")


def random_covariance(rng, d, scale):
    a = rng.normal(size=(d, d))
    return scale * (a @ a.T / d + 0.2 * np.eye(d))


def mixture_rows(rng, means, covariances, counts):
    parts = [rng.multivariate_normal(m, c, size=n) for m, c, n in zip(means, covariances, counts)]
    x = np.vstack(parts)
    return x[rng.permutation(len(x))]


def separated(rng):
    """Three well-separated components in 3-D (120, 130 and 50 rows)."""
    d = 3
    means = [np.zeros(d), np.array([8.0, 8.0, 0.0]), np.array([-8.0, 6.0, 5.0])]
    covs = [random_covariance(rng, d, 1.0) for _ in means]
    return mixture_rows(rng, means, covs, [120, 130, 50]), 3, {}


def overlapping(rng):
    """Three overlapping components in 4-D along one direction (150, 150 and 100 rows)."""
    d = 4
    direction = np.array([1.0, 0.5, -0.5, 0.25])
    means = [0.0 * direction, 1.5 * direction, 3.0 * direction]
    covs = [random_covariance(rng, d, s) for s in (1.0, 0.6, 1.4)]
    return mixture_rows(rng, means, covs, [150, 150, 100]), 3, {}


def overlapping_five_iterations(rng):
    """The data of `overlapping` (same seed), stopped after 5 EM iterations, unconverged."""
    x, k, _ = overlapping(rng)
    return x, k, {"max_iter": 5}


def constant_column(rng):
    """Two features and a constant third: only reg_covar keeps the covariances positive definite."""
    d = 2
    means = [np.zeros(d), np.array([5.0, -3.0])]
    covs = [random_covariance(rng, d, 1.0) for _ in means]
    x = mixture_rows(rng, means, covs, [100, 100])
    x = np.hstack([x, np.full((len(x), 1), 2.5)])
    return x, 2, {}


def single(rng):
    """One component: the mean and the biased (1/n) covariance + reg_covar (1e-3 here)."""
    d = 5
    x = rng.multivariate_normal(np.arange(d, dtype=float), random_covariance(rng, d, 2.0), size=250)
    return x, 1, {"reg_covar": 1e-3, "tol": 1e-6}


CASES = {
    "separated": (separated, 11),
    "overlapping": (overlapping, 12),
    "overlapping-5-iterations": (overlapping_five_iterations, 12),
    "constant-column": (constant_column, 13),
    "single": (single, 14),
}


def fit(x, k, centres, options):
    """sklearn's GaussianMixture(init_params="k-means++") with its k-means++ step replaced by
    `centres`, so everything after the seeding is sklearn's own code path."""
    original = mixture_base.kmeans_plusplus
    mixture_base.kmeans_plusplus = lambda X, n_clusters, random_state: (X[centres], np.asarray(centres))
    try:
        gm = GaussianMixture(n_components=k, covariance_type="full", init_params="k-means++",
                             random_state=0, **options)
        gm.fit(x)
    finally:
        mixture_base.kmeans_plusplus = original
    return gm


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, (make, seed) in CASES.items():
        rng = np.random.default_rng(seed)
        x, k, overrides = make(rng)
        options = {"tol": 1e-3, "reg_covar": 1e-6, "max_iter": 100}
        options.update(overrides)
        _, centres = kmeans_plusplus(x, k, random_state=seed)
        centres = [int(i) for i in centres]
        gm = fit(x, k, centres, options)
        # Probe rows: two training rows, the overall mean, and two far points (the tail).
        probes = np.vstack([x[:2], x.mean(axis=0), x.mean(axis=0) + 10 * x.std(axis=0),
                            x.mean(axis=0) - 25 * x.std(axis=0)])
        document = {
            "description": make.__doc__ or name,
            "generated_by": "Fixtures/scripts/gmm-reference.py",
            "sklearn_version": sklearn.__version__,
            "numpy_version": np.__version__,
            "seed": seed,
            "n_components": k,
            "covariance_type": "full",
            "tol": options["tol"],
            "reg_covar": options["reg_covar"],
            "max_iter": options["max_iter"],
            "centres": centres,
            "x": x.tolist(),
            "weights": gm.weights_.tolist(),
            "means": gm.means_.tolist(),
            "covariances": gm.covariances_.tolist(),
            "n_iter": int(gm.n_iter_),
            "converged": bool(gm.converged_),
            "lower_bound": float(gm.lower_bound_),
            "lower_bounds": [float(v) for v in gm.lower_bounds_],
            "score_samples": gm.score_samples(x).tolist(),
            "predict_proba": gm.predict_proba(x).tolist(),
            "predict": [int(v) for v in gm.predict(x)],
            "probes": probes.tolist(),
            "probe_score_samples": gm.score_samples(probes).tolist(),
        }
        path = os.path.join(OUT, name + ".json")
        with open(path, "w") as f:
            json.dump(document, f, indent=None, separators=(",", ":"))
            f.write("\n")
        print(f"{path}: {len(x)} rows x {x.shape[1]}, K={k}, n_iter={gm.n_iter_}, "
              f"converged={gm.converged_}, lower bound {gm.lower_bound_:.6f}", file=sys.stderr)


if __name__ == "__main__":
    main()
