"""Times the brainchop MeshNet GWM model (256^3) on the device: ONNX Runtime (if a CUDA provider is present) and a
PyTorch port of the same ONNX graph (weights read from model.onnx), checking the argmax labels against the reference."""
import gzip, hashlib, os, sys, time, statistics, subprocess, json
import numpy as np
here = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] != "small" else os.path.dirname(os.path.abspath(__file__))
SMALL = "small" in sys.argv[1:]
raw = gzip.open(os.path.join(here, "t1_crop.nii.gz")).read()
vol = np.frombuffer(raw[352:352 + 256 ** 3], dtype=np.uint8).reshape(256, 256, 256)  # [k, j, i], i fastest
ref = np.frombuffer(gzip.open(os.path.join(here, "t1_crop_labels_onnxruntime-1.20.0.u8.gz")).read(), dtype=np.uint8).reshape(256, 256, 256)
if SMALL:
    vol, ref = vol[:48, :48, :48], ref[:48, :48, :48]
v = vol.astype(np.float64)
x = ((v - v.min()) * (1.0 / (v.max() - v.min()))).astype(np.float32)[None, None]
out = {}
def report(name, labels, times, extra=None):
    labels = np.ascontiguousarray(labels.astype(np.uint8))
    d = dict(median_s=statistics.median(times), runs=[round(t, 4) for t in times],
             md5=hashlib.md5(labels.tobytes()).hexdigest(), differing_voxels=int((labels != ref).sum()),
             counts=[int((labels == c).sum()) for c in range(3)])
    if extra: d.update(extra)
    out[name] = d
    print(name, json.dumps(d), flush=True)
try:
    print(subprocess.run(["nvidia-smi", "--query-gpu=name,driver_version,memory.total", "--format=csv,noheader"], capture_output=True, text=True).stdout.strip())
except Exception as e:
    print("nvidia-smi:", e)
print("java:", subprocess.run("command -v java; ls /usr/lib/jvm 2>/dev/null", shell=True, capture_output=True, text=True).stdout.strip() or "none")
try:
    import onnxruntime as ort
    print("onnxruntime", ort.__version__, ort.get_available_providers(), flush=True)
    for prov in [p for p in ("CUDAExecutionProvider", "CPUExecutionProvider") if p in ort.get_available_providers()]:
        s = ort.InferenceSession(os.path.join(here, "model.onnx"), providers=[prov])
        s.run(None, {"input": x})
        ts = []
        for _ in range(3):
            t = time.perf_counter(); y = s.run(None, {"input": x})[0]; ts.append(time.perf_counter() - t)
        report("ort_" + prov, y[0].argmax(0), ts)
except Exception as e:
    print("onnxruntime failed:", repr(e), flush=True)
import torch, onnx
from onnx import numpy_helper
m = onnx.load(os.path.join(here, "model.onnx"))
W = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in m.graph.initializer}
def forward(t, dev):
    for n in m.graph.node:
        if n.op_type == "Conv":
            a = {x.name: onnx.helper.get_attribute_value(x) for x in n.attribute}
            t = torch.nn.functional.conv3d(t, W[n.input[1]].to(dev), W[n.input[2]].to(dev), padding=a["pads"][:3], dilation=a["dilations"])
        elif n.op_type == "Relu":
            t = torch.relu(t)
        else:
            raise RuntimeError(n.op_type)
    return t
print("torch", torch.__version__, "threads", torch.get_num_threads(), flush=True)
with torch.inference_mode():
    if torch.cuda.is_available():
        for tf32 in (False, True):
            torch.backends.cudnn.allow_tf32 = tf32
            torch.backends.cuda.matmul.allow_tf32 = tf32
            torch.cuda.reset_peak_memory_stats()
            xt = torch.from_numpy(x)
            forward(xt.cuda(), "cuda"); torch.cuda.synchronize()
            ts = []
            for _ in range(5):
                t = time.perf_counter()
                y = forward(xt.cuda(), "cuda").argmax(1)[0].to(torch.uint8).cpu().numpy()
                torch.cuda.synchronize(); ts.append(time.perf_counter() - t)
            report("torch_cuda_tf32" if tf32 else "torch_cuda_fp32", y, ts,
                   dict(peak_gpu_mib=round(torch.cuda.max_memory_allocated() / 2 ** 20)))
    ts = []
    for _ in range(1 if not SMALL else 2):
        t = time.perf_counter(); y = forward(torch.from_numpy(x), "cpu").argmax(1)[0].numpy(); ts.append(time.perf_counter() - t)
    report("torch_cpu", y, ts)
os.makedirs(os.environ.get("OUT", "/tmp/out"), exist_ok=True)
json.dump(out, open(os.path.join(os.environ.get("OUT", "/tmp/out"), "brainchop_gpu.json"), "w"), indent=1)
