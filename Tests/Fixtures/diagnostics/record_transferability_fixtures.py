#!/usr/bin/env python3
"""Records reference values for Thaw's transferability metrics and linear CKA.

Every metric is written here directly from its paper with plain numpy, deliberately in the
naive form (explicit inverses, determinants and loops) so that it shares no algebra with the
Swift code, which works on an eigendecomposition:

- LogME: You et al., ICML 2021, Algorithm 1 ("naive" branch: m = beta * A^-1 F^T y, log|A| by
  slogdet), one-vs-all 0/1 targets, alpha = beta = 1 at start, stop when alpha/beta changes
  by less than 1e-10 relatively, the evidence per example by less than 1e-14, or alpha/beta runs
  off to 0 or infinity (where the evidence has converged).
- LEEP: Nguyen et al., ICML 2020, Eqs. 1-3.
- NCE: Tran et al., ICCV 2019, -H(Y|Z) with Z the argmax of the source predictions.
- H-score: Bao et al., ICIP 2019, tr(cov(f)^-1 cov(E[f|y])) with the Ledoit-Wolf (2004)
  shrinkage of Ibrahim et al. (arXiv:2110.06893): tr(cov_a(f)^-1 (1-a) cov(E[f|y])).
- Linear CKA: Kornblith et al., ICML 2019, HSIC form with the centering matrix H.

When scikit-learn is installed, its Ledoit-Wolf shrinkage is used only to cross-check ours.

Run from the repository root:  python3 Tests/Fixtures/diagnostics/record_transferability_fixtures.py
Writes Tests/Fixtures/diagnostics/transferability.json.
"""
import json
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def evidence_of(F, y, alpha, beta):
    """Eq. 2 of the paper at (alpha, beta), with m = beta A^-1 F^T y."""
    n, d = F.shape
    A = alpha * np.eye(d) + beta * F.T @ F
    m = beta * np.linalg.solve(A, F.T @ y)
    residual = float(np.sum((F @ m - y) ** 2))
    _, logdet = np.linalg.slogdet(A)
    evidence = (n / 2 * math.log(beta) + d / 2 * math.log(alpha) - n / 2 * math.log(2 * math.pi)
                - beta / 2 * residual - alpha / 2 * float(m @ m) - logdet / 2)
    return evidence, m


def logme_fit(F, y, tol=1e-10, evidence_tol=1e-14, max_iterations=1000):
    n, d = F.shape
    FtF = F.T @ F
    Fty = F.T @ y
    identity = np.eye(d)
    # The maximiser can lie at infinity: alpha/beta -> inf when the features carry no linear
    # signal, alpha/beta -> 0 when they interpolate the target (N <= D). The evidence converges
    # in both cases; stop once alpha/beta is 1e10 beyond every non-zero eigenvalue of F^T F.
    eigenvalues = np.linalg.eigvalsh(FtF)
    positive = eigenvalues[eigenvalues > 1e-12 * eigenvalues.max()]
    prior_dominates, noise_vanishes = 1e10 * eigenvalues.max(), 1e-10 * positive.min()
    alpha, beta = 1.0, 1.0
    iterations = 0
    previous = None
    while iterations < max_iterations:
        iterations += 1
        # Also stop once the evidence per example has settled (alpha/beta can creep for
        # thousands of steps near a maximiser at infinity).
        current = evidence_of(F, y, alpha, beta)[0] / n
        if previous is not None and abs(current - previous) <= evidence_tol * max(1.0, abs(current)):
            break
        previous = current
        A = alpha * identity + beta * FtF
        A_inv = np.linalg.inv(A)
        m = beta * A_inv @ Fty
        gamma = np.trace(beta * FtF @ A_inv)  # effective number of parameters
        residual = float(np.sum((F @ m - y) ** 2))
        new_alpha = gamma / float(m @ m)
        new_beta = (n - gamma) / residual
        change = abs(new_alpha / new_beta - alpha / beta) / (alpha / beta)
        alpha, beta = new_alpha, new_beta
        if change < tol or alpha / beta > prior_dominates or alpha / beta < noise_vanishes:
            break
    evidence, m = evidence_of(F, y, alpha, beta)
    return evidence / n, alpha, beta, m


def logme(F, labels, classes):
    evidences, alphas, betas, weights = [], [], [], np.zeros((F.shape[1], classes))
    for c in range(classes):
        y = (labels == c).astype(np.float64)
        evidence, alpha, beta, m = logme_fit(F, y)
        evidences.append(evidence)
        alphas.append(alpha)
        betas.append(beta)
        weights[:, c] = m
    return float(np.mean(evidences)), evidences, alphas, betas, weights


def leep(theta, labels, classes):
    n, z = theta.shape
    joint = np.zeros((classes, z))
    for i in range(n):
        joint[labels[i]] += theta[i] / n
    marginal = joint.sum(axis=0)
    conditional = np.divide(joint, marginal, out=np.zeros_like(joint), where=marginal > 0)
    return float(np.mean([math.log(conditional[labels[i]] @ theta[i]) for i in range(n)]))


def nce(source_labels, labels, classes, source_classes):
    n = len(labels)
    joint = np.zeros((classes, source_classes))
    for y, z in zip(labels, source_labels):
        joint[y, z] += 1.0 / n
    marginal = joint.sum(axis=0)
    total = 0.0
    for y in range(classes):
        for z in range(source_classes):
            if joint[y, z] > 0:
                total += joint[y, z] * math.log(joint[y, z] / marginal[z])
    return total


def ledoit_wolf_shrinkage(X):
    """X centred, n x p. Ledoit & Wolf 2004, Lemma 3.2-3.4 with the normalised Frobenius norm."""
    n, p = X.shape
    S = X.T @ X / n
    mu = np.trace(S) / p
    d2 = np.sum((S - mu * np.eye(p)) ** 2) / p
    b2_bar = sum(np.sum((np.outer(x, x) - S) ** 2) / p for x in X) / n ** 2
    b2 = min(b2_bar, d2)
    return b2 / d2 if d2 > 0 else 0.0


def h_scores(F, labels, classes):
    X = F - F.mean(axis=0)
    n, p = X.shape
    cov = X.T @ X / n
    G = np.zeros_like(X)
    for c in range(classes):
        mask = labels == c
        if mask.any():
            G[mask] = X[mask].mean(axis=0)
    between = G.T @ G / n
    shrink = ledoit_wolf_shrinkage(X)
    try:
        from sklearn.covariance import ledoit_wolf_shrinkage as sk_shrinkage
        reference = sk_shrinkage(X, assume_centered=True)
        assert abs(reference - shrink) < 1e-9 * max(1.0, reference), (reference, shrink)
    except ImportError:
        pass
    mu = np.trace(cov) / p
    shrunk_cov = (1 - shrink) * cov + shrink * mu * np.eye(p)
    shrunk = float(np.trace(np.linalg.inv(shrunk_cov) @ ((1 - shrink) * between)))
    # Pseudo-inverse: eigenvalues at or below 1e-12 of the largest are dropped.
    values, vectors = np.linalg.eigh(cov)
    keep = values > 1e-12 * values.max()
    pinv = (vectors[:, keep] / values[keep]) @ vectors[:, keep].T
    plain = float(np.trace(pinv @ between))
    return shrunk, plain, float(shrink)


def linear_cka(X, Y):
    n = X.shape[0]
    H = np.eye(n) - np.ones((n, n)) / n
    K, L = X @ X.T, Y @ Y.T
    hsic = lambda a, b: np.trace(a @ H @ b @ H)
    return float(hsic(K, L) / math.sqrt(hsic(K, K) * hsic(L, L)))


def rounded(a):
    return [round(float(v), 6) for v in np.asarray(a).ravel()]


def make_dataset(name, seed, n, d, classes, source_classes, separation, source_noise):
    """Gaussian clusters; the 'source model' is a fixed random linear head + softmax."""
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % classes
    rng.shuffle(labels)
    centres = rng.normal(0, separation, size=(classes, d))
    scales = np.exp(rng.normal(0, 0.5, size=d))  # anisotropic noise, as real features are
    F = np.array(rounded(centres[labels] + rng.normal(0, 1, size=(n, d)) * scales)).reshape(n, d)
    head = rng.normal(0, 1, size=(d, source_classes))
    logits = F @ head / math.sqrt(d) + rng.normal(0, source_noise, size=(n, source_classes))
    theta = np.exp(logits - logits.max(axis=1, keepdims=True))
    theta = np.array(rounded(theta / theta.sum(axis=1, keepdims=True))).reshape(n, source_classes)
    return name, F, labels, theta


def record(name, F, labels, theta, classes, probe_other):
    score, evidences, alphas, betas, weights = logme(F, labels, classes)
    shrunk, plain, shrink = h_scores(F, labels, classes)
    source_labels = np.argmax(theta, axis=1)
    return {
        "name": name, "n": int(F.shape[0]), "d": int(F.shape[1]), "c": classes, "z": int(theta.shape[1]),
        "features": rounded(F), "labels": [int(v) for v in labels], "source_probabilities": rounded(theta),
        "probe_other": rounded(probe_other), "probe_other_d": int(probe_other.shape[1]),
        "expected": {
            "logme": score, "logme_evidence": evidences, "logme_alpha": alphas, "logme_beta": betas,
            "logme_weights": [float(v) for v in weights.ravel()],
            "leep": leep(theta, labels, classes),
            "nce": nce(source_labels, labels, classes, theta.shape[1]),
            "hscore": shrunk, "hscore_unregularised": plain, "hscore_shrinkage": shrink,
            "cka_with_probe_other": linear_cka(F, probe_other),
        },
    }


def main():
    cases = []
    for (name, seed, n, d, classes, z, separation, noise) in [
        ("clusters", 1, 200, 16, 4, 6, 1.5, 0.5),
        ("wide", 2, 40, 64, 3, 5, 1.0, 0.3),
        ("weak", 3, 120, 8, 5, 4, 0.3, 1.0),
        ("interpolating", 4, 30, 120, 3, 4, 0.3, 0.5),
    ]:
        name, F, labels, theta = make_dataset(name, seed, n, d, classes, z, separation, noise)
        rng = np.random.default_rng(seed + 100)
        # A second view of the same examples for CKA: a random linear map plus noise.
        other = F @ rng.normal(0, 1, size=(d, 10)) + rng.normal(0, 2, size=(n, 10))
        other = np.array(rounded(other)).reshape(n, 10)
        cases.append(record(name, F, labels, theta, classes, other))
    path = os.path.join(HERE, "transferability.json")
    with open(path, "w") as handle:
        json.dump({"generator": "record_transferability_fixtures.py", "cases": cases}, handle, separators=(",", ":"))
    for case in cases:
        e = case["expected"]
        print(f"{case['name']}: logme={e['logme']:.6f} leep={e['leep']:.6f} nce={e['nce']:.6f} "
              f"hscore={e['hscore']:.6f} (plain {e['hscore_unregularised']:.4f}, shrinkage {e['hscore_shrinkage']:.4f}) "
              f"cka={e['cka_with_probe_other']:.6f}")
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
