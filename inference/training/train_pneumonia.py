#!/usr/bin/env python3
"""Trains SecondLook's bundled demonstration model `pneumonia-demo` on PneumoniaMNIST.

Deterministic (fixed seeds, deterministic algorithms), CPU only, a few minutes on 2 cores:

    /usr/bin/python3 inference/training/train_pneumonia.py \
        --npz /work/shared/corpus/dataset/pneumoniamnist/pneumoniamnist_reconstructed_4708_524_624.npz

The checkpoint (epoch) and the operating threshold are chosen on the validation split only; the
test split is scored once, for the chosen model. Writes, relative to the repository root:
  inference/src/main/resources/io/secondlook/inference/models/pneumonia-demo/model.onnx
  inference/src/main/resources/io/secondlook/inference/models/pneumonia-demo/model-card.json
  inference/src/test/resources/pneumonia-demo-expected.json   (reference outputs for the Java tests)
The test metrics in the card are those the Java evaluation (ClassifierEvaluation) reproduces.
"""
import argparse
import hashlib
import json
import math
import os
import random
import time
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 20231
EPOCHS = 30
BATCH = 64
LR = 2e-3
WEIGHT_DECAY = 5e-4
VERSION = "1.0.0"

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MODEL_DIR = os.path.join(REPO, "inference/src/main/resources/io/secondlook/inference/models/pneumonia-demo")
EXPECTED = os.path.join(REPO, "inference/src/test/resources/pneumonia-demo-expected.json")


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(2)


def conv_block(cin, cout):
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


class PneumoniaNet(nn.Module):
    """Small VGG-style CNN: 28x28 -> 14x14 -> 7x7 feature map, global average pooling, linear head."""

    def __init__(self, width=32, dropout=0.3):
        super().__init__()
        w = width
        self.features = nn.Sequential(
            *conv_block(1, w), *conv_block(w, w), nn.MaxPool2d(2),
            *conv_block(w, 2 * w), *conv_block(2 * w, 2 * w), nn.MaxPool2d(2),
            *conv_block(2 * w, 4 * w), *conv_block(4 * w, 4 * w),
        )
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(4 * w, 2)

    def forward(self, x):
        f = self.features(x)
        return self.head(self.dropout(f.mean(dim=(2, 3)))), f


class ExportWrapper(nn.Module):
    """ONNX graph: image -> (probabilities [N,2], features [N,C,7,7])."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, image):
        logits, features = self.net(image)
        return torch.softmax(logits, dim=1), features


def augment(x, gen):
    """Small random rotation (+-10 deg), scale (0.9-1.1) and shift (+-2 px); no flips."""
    n = x.shape[0]
    angle = (torch.rand(n, generator=gen) * 2 - 1) * math.radians(10)
    scale = 0.9 + torch.rand(n, generator=gen) * 0.2
    shift = (torch.rand(n, 2, generator=gen) * 2 - 1) * (2.0 / 14.0)  # normalised coords: 2 px of 28
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack([torch.stack([cos, -sin, shift[:, 0]], 1), torch.stack([sin, cos, shift[:, 1]], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)


def auc(scores, labels):
    """Mann-Whitney AUC with average ranks for ties (same definition as the Java evaluation)."""
    scores = np.asarray(scores, dtype=np.float64)
    labels = np.asarray(labels)
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    s = scores[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2.0 + 1
        i = j + 1
    npos = int((labels == 1).sum())
    nneg = len(labels) - npos
    return (ranks[labels == 1].sum() - npos * (npos + 1) / 2.0) / (npos * nneg)


def youden_threshold(scores, labels):
    """Threshold (predict positive when p >= t) maximising sensitivity + specificity - 1 on these scores."""
    scores = np.asarray(scores, dtype=np.float64)
    best_j, best_t = -1.0, 0.5
    cands = np.unique(scores)
    for k, t in enumerate(cands):
        pred = scores >= t
        tpr = (pred & (labels == 1)).sum() / (labels == 1).sum()
        tnr = (~pred & (labels == 0)).sum() / (labels == 0).sum()
        if tpr + tnr - 1 > best_j:
            best_j = tpr + tnr - 1
            # midway to the next lower score keeps the same decisions and a margin on both sides
            best_t = (t + cands[k - 1]) / 2.0 if k > 0 else t
    return float(best_t), float(best_j)


def round3(x):
    """Rounds like Java's String.format("%.3f") (half-up on the shortest decimal form), as the Java evaluation prints."""
    return float(Decimal(repr(float(x))).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))


def accuracy(scores, labels, t):
    return float(((np.asarray(scores) >= t).astype(int) == labels).mean())


def predict(net, x, batch=256):
    net.eval()
    probs, losses = [], []
    with torch.no_grad():
        for i in range(0, len(x), batch):
            logits, _ = net(x[i:i + batch])
            probs.append(torch.softmax(logits, 1)[:, 1])
    return torch.cat(probs).numpy().astype(np.float64)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--npz", default="/work/shared/corpus/dataset/pneumoniamnist/"
                                      "pneumoniamnist_reconstructed_4708_524_624.npz")
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    args = ap.parse_args()
    seed_everything(SEED)
    t0 = time.time()

    d = np.load(args.npz)
    raw = {s: d[f"{s}_images"].astype(np.float32) / 255.0 for s in ("train", "val", "test")}
    lab = {s: d[f"{s}_labels"].reshape(-1).astype(np.int64) for s in ("train", "val", "test")}
    mean = float(raw["train"].mean())
    std = float(raw["train"].std())
    mean, std = round(mean, 4), round(std, 4)
    x = {s: torch.from_numpy((raw[s] - mean) / std).unsqueeze(1) for s in raw}
    y = {s: torch.from_numpy(lab[s]) for s in lab}
    counts = np.bincount(lab["train"], minlength=2)
    class_weight = torch.tensor(len(lab["train"]) / (2.0 * counts), dtype=torch.float32)
    print(f"train {counts.tolist()} mean={mean} std={std} class_weight={class_weight.tolist()}")

    net = PneumoniaNet()
    opt = torch.optim.AdamW(net.parameters(), lr=LR, weight_decay=WEIGHT_DECAY)
    steps = args.epochs * math.ceil(len(x["train"]) / BATCH)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=LR, total_steps=steps, pct_start=0.15)
    gen = torch.Generator().manual_seed(SEED)
    best = None
    for epoch in range(1, args.epochs + 1):
        net.train()
        perm = torch.randperm(len(x["train"]), generator=gen)
        total = 0.0
        for i in range(0, len(perm), BATCH):
            idx = perm[i:i + BATCH]
            xb = augment(x["train"][idx], gen)
            logits, _ = net(xb)
            loss = F.cross_entropy(logits, y["train"][idx], weight=class_weight, label_smoothing=0.05)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
        pv = predict(net, x["val"])
        val_auc = auc(pv, lab["val"])
        val_loss = float(F.binary_cross_entropy(torch.from_numpy(pv).clamp(1e-7, 1 - 1e-7),
                                                torch.from_numpy(lab["val"]).double()))
        print(f"epoch {epoch:2d} train_loss={total / len(perm):.4f} val_auc={val_auc:.4f} val_loss={val_loss:.4f}"
              f" ({time.time() - t0:.0f}s)", flush=True)
        key = (round(val_auc, 4), -val_loss)
        if best is None or key > best[0]:
            best = (key, epoch, {k: v.clone() for k, v in net.state_dict().items()})

    (_, best_epoch, state) = best
    net.load_state_dict(state)
    net.eval()
    pv = predict(net, x["val"])
    threshold, j = youden_threshold(pv, lab["val"])
    val_auc, val_acc = auc(pv, lab["val"]), accuracy(pv, lab["val"], threshold)
    pt = predict(net, x["test"])
    test_auc, test_acc = auc(pt, lab["test"]), accuracy(pt, lab["test"], threshold)
    train_seconds = time.time() - t0
    print(f"chosen epoch {best_epoch}: threshold={threshold:.6f} (Youden J={j:.4f})")
    print(f"val  AUC={val_auc:.3f} ACC={val_acc:.3f}")
    print(f"test AUC={test_auc:.3f} ACC={test_acc:.3f}")

    os.makedirs(MODEL_DIR, exist_ok=True)
    onnx_path = os.path.join(MODEL_DIR, "model.onnx")
    wrapper = ExportWrapper(net).eval()
    torch.onnx.export(wrapper, torch.zeros(1, 1, 28, 28), onnx_path, opset_version=17,
                      input_names=["image"], output_names=["probabilities", "features"],
                      dynamic_axes={"image": {0: "N"}, "probabilities": {0: "N"}, "features": {0: "N"}},
                      do_constant_folding=True)
    import onnx
    onnx.checker.check_model(onnx.load(onnx_path))
    with open(onnx_path, "rb") as fh:
        sha = hashlib.sha256(fh.read()).hexdigest()
    channels = net.head.in_features

    card = {
        "id": "pneumonia-demo",
        "version": VERSION,
        "name": "Pneumonia demonstrator (PneumoniaMNIST, 28x28)",
        "task": "classification",
        "modality": ["DX", "CR"],
        "bodyPart": "CHEST",
        "input": {"name": "image", "shape": [-1, 1, 28, 28], "dtype": "float32", "layout": "NCHW",
                  "width": 28, "height": 28, "channels": 1, "spatial": "2d-slice"},
        "preprocessing": {
            "steps": [
                {"op": "voiWindow", "description": "VOI window to the 8-bit display range; the application "
                                                  "passes display-ready grayscale in [0,1]"},
                {"op": "resize", "method": "areaAverage", "width": 28, "height": 28},
                {"op": "normalize", "mean": mean, "std": std,
                 "description": "(x - mean) / std on [0,1] grayscale (uint8 / 255)"}],
            "mean": mean, "std": std},
        "outputs": [
            {"name": "probabilities", "shape": [-1, 2],
             "meaning": "softmax class probabilities in the order of 'labels'", "dtype": "float32"},
            {"name": "features", "shape": [-1, channels, 7, 7],
             "meaning": "last convolutional feature map (after ReLU), the input of global average pooling",
             "dtype": "float32"}],
        "labels": ["normal", "pneumonia"],
        "positiveLabel": "pneumonia",
        "operatingThreshold": threshold,
        "saliency": {
            "methods": ["CAM", "OCCLUSION", "RISE"],
            "cam": {"featureOutput": "features", "classifierInitializer": "net.head.weight",
                    "classifierWeights": net.head.weight.detach().double().numpy().tolist(),
                    "classifierBias": net.head.bias.detach().double().numpy().tolist()}},
        "intendedUse": "Demonstration only, not for clinical use. Shows SecondLook's AI workflow (second-reader "
                       "classification of a frontal chest radiograph as normal or pneumonia, with a class "
                       "activation map) end to end; it must not inform any diagnosis or treatment.",
        "limitations": [
            "Trained on 28x28 downsampled paediatric chest radiographs (age 1-5, one centre); performance on "
            "adult or full-resolution images is unknown and expected to be poor.",
            "No distinction between bacterial and viral pneumonia; no other findings are detected.",
            "At 28x28 the class activation map is a 7x7 grid upsampled: coarse localisation only.",
            "Operating threshold chosen on the validation split (Youden J); not calibrated for any "
            "clinical population."],
        "trainingData": {
            "name": "PneumoniaMNIST (MedMNIST v2)",
            "splits": {"train": int(len(lab["train"])), "val": int(len(lab["val"])),
                       "test": int(len(lab["test"]))},
            "licence": "CC BY 4.0",
            "citation": "Yang J. et al., \"MedMNIST v2 - A large-scale lightweight benchmark for 2D and 3D "
                        "biomedical image classification\", Scientific Data 10, 41 (2023)",
            "source": "Kermany D.S. et al., Cell 172(5), 1122-1131 (2018)"},
        "training": {"script": "inference/training/train_pneumonia.py", "seed": SEED, "epochs": args.epochs,
                     "selectedEpoch": best_epoch, "selection": "validation AUC, then validation loss",
                     "thresholdSelection": "maximum Youden J on the validation split",
                     "seconds": round(train_seconds, 1), "framework": f"PyTorch {torch.__version__}"},
        "metrics": {
            "threshold": threshold,
            "validation": {"auc": round3(val_auc), "accuracy": round3(val_acc), "n": int(len(lab["val"]))},
            "test": {"auc": round3(test_auc), "accuracy": round3(test_acc), "n": int(len(lab["test"]))},
            "reference": {"MedMNIST v2 ResNet-18 (28)": {"auc": 0.944, "accuracy": 0.854},
                          "MedMNIST v2 ResNet-50 (28)": {"auc": 0.948, "accuracy": 0.854}}},
        "sha256": sha,
        "licence": "Weights: CC BY 4.0, (c) the SecondLook authors; trained on CC BY 4.0 data (see trainingData).",
    }
    with open(os.path.join(MODEL_DIR, "model-card.json"), "w") as fh:
        json.dump(card, fh, indent=2)
        fh.write("\n")

    # Reference outputs for the Java tests: probabilities of a few test images, and the CAM of two of them
    # (predicted class, ReLU(sum_k w_ck F_k), bilinear half-pixel upsampling to 28x28, min-max normalised).
    neg = [int(i) for i in np.where(lab["test"] == 0)[0][:4]]
    pos = [int(i) for i in np.where(lab["test"] == 1)[0][:4]]
    idx = neg + pos
    with torch.no_grad():
        probs, feats = wrapper(x["test"][idx])
    cams = []
    for k in (idx[0], idx[4]):
        with torch.no_grad():
            p, f = wrapper(x["test"][k:k + 1])
            c = int(p[0].argmax())
            cam = F.relu(torch.einsum("k,khw->hw", net.head.weight[c], f[0]))
            up = F.interpolate(cam[None, None], size=(28, 28), mode="bilinear", align_corners=False)[0, 0]
            lo, hi = float(up.min()), float(up.max())
            norm = (up - lo) / (hi - lo) if hi > lo else torch.zeros_like(up)
        cams.append({"index": k, "classIndex": c, "rawMin": lo, "rawMax": hi,
                     "values": [round(float(v), 6) for v in norm.reshape(-1)]})
    expected = {"model": "pneumonia-demo", "version": VERSION, "split": "test",
                "source": "PyTorch forward pass of the exported graph at training time",
                "probabilities": [{"index": i, "values": [float(v) for v in probs[n]]} for n, i in enumerate(idx)],
                "cam": cams}
    os.makedirs(os.path.dirname(EXPECTED), exist_ok=True)
    with open(EXPECTED, "w") as fh:
        json.dump(expected, fh, indent=1)
        fh.write("\n")
    print(f"wrote {onnx_path} ({os.path.getsize(onnx_path)} bytes, sha256 {sha}) in {train_seconds:.0f}s")


if __name__ == "__main__":
    main()
