#!/usr/bin/env python3
"""Writes Platforms/examples/versal-vc1902-tiles-plfm.json from the shipped tile array
(Platforms/arrays/versal-vc1902-tiles.json): the tiles compute from a PL feature-map memory
`pl_fm` fed over PLIO and read their weights from DDR4 over the NoC (`weight_memory`,
`weight_interface`). An exploration platform, not a shipped description: see
Results/versal-vc1902-plio-exploration.md."""
import collections, json, os

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
with open(os.path.join(root, "Platforms/arrays/versal-vc1902-tiles.json")) as f:
    d = json.load(f, object_pairs_hook=collections.OrderedDict)

d["name"] = "versal-vc1902-tiles-plfm"
d["description"] = ("Exploration variant of versal-vc1902-tiles (Platforms/arrays/): the AI Engine tiles compute from a PL "
                    "feature-map memory pl_fm fed over PLIO and read their weights from DDR4 over the NoC (tile weight_memory "
                    "ddr4, the array's weight_interface), as the published VCK190 design keeps feature maps in PL memory and "
                    "weights in DDR4/PL global memory (PG389). pl_fm's capacity is assumed; the per-column PLIO limit is not "
                    "modelled as a shared bandwidth (pl_fm's bandwidth is the sum over 39 columns). Written by "
                    "Scripts/make_plfm_example.py; see Results/versal-vc1902-plio-exploration.md.")
d["memories"].append(collections.OrderedDict([
    ("name", "pl_fm"), ("kind", "sram"), ("capacity_bytes", 16777216), ("bandwidth_gb_s", 1248), ("latency_us", 0.005),
    ("pj_per_byte", 2.5),
    ("source", collections.OrderedDict([
        ("capacity_bytes", "assumed: 16 MiB of block RAM and UltraRAM for feature maps; the PL buffer sizes of the published "
                           "design are not found (Platforms/published-figures.md section 6.2)"),
        ("bandwidth_gb_s", "derived: AMD AM009 (AI Engine to Programmable Logic Interface): 32 GB/s from PL to each AI Engine "
                           "column, 39 of the VC1902's 50 array interface tiles reach the PL: 39 x 32 = 1,248 GB/s; the per-column "
                           "limit is not modelled"),
        ("latency_us", "assumed: as pl_ram, two PL cycles"),
        ("pj_per_byte", "Horowitz, ISSCC 2014: 10 pJ per 32-bit read of a 32 KB SRAM = 2.5 pJ/byte (as pl_ram)"),
    ])),
]))
d["links"].append(collections.OrderedDict([
    ("from", "ddr4"), ("to", "pl_fm"), ("bandwidth_gb_s", 16), ("latency_us", 0.5), ("dma_engines", 2),
    ("source", collections.OrderedDict([
        ("bandwidth_gb_s", "docs/platform-facts.md: NoC 16 GB/s per NMU/NSU per direction"),
        ("latency_us", "assumed, as the other NoC links"),
        ("dma_engines", "assumed: two NoC masters of the feature-map buffer"),
    ])),
]))
array = d["arrays"][0]
tile = array["tile"]
tile["memory"] = "pl_fm"
tile["weight_memory"] = "ddr4"
tile["source"]["memory"] = "feature maps in PL memory fed over PLIO (AM009), as the published design's local feature map storage (PG389)"
tile["source"]["weight_memory"] = "weights from DDR4 through the NoC interface tiles (the published design's weights: DDR4 or PL global memory, PG389)"
interface = array["interface"]
interface["memory"] = "pl_fm"
interface["source"]["memory"] = "the PLIO route into the array: PL -> array interface tile -> stream switch (AM009)"
weights = collections.OrderedDict([
    ("memory", "ddr4"), ("bandwidth_gb_s", 10), ("latency_us", 0.5), ("dma_engines", 2),
    ("source", collections.OrderedDict([
        ("memory", "the NoC route into the array: DDR4 -> NoC -> array interface tile -> stream switch"),
        ("bandwidth_gb_s", "derived, as interface: 2 incoming 32-bit AXI4-Streams per core at 1.25 GHz = 10 GB/s; these links and "
                           "the interface's do not share the core's stream ports (up to twice the ports' rate for a tile reading "
                           "both at once); the NoC's 16 GB/s and DDR4's 25.6 GB/s are shared above"),
        ("latency_us", "assumed, as the interface"),
        ("dma_engines", "assumed, as the interface"),
    ])),
])
items = list(array.items())
position = [k for k, _ in items].index("interface") + 1
items.insert(position, ("weight_interface", weights))
d["arrays"][0] = collections.OrderedDict(items)

out = os.path.join(root, "Platforms/examples/versal-vc1902-tiles-plfm.json")
with open(out, "w") as f:
    json.dump(d, f, indent=2, ensure_ascii=False)
    f.write("\n")
print(out)
