// Each test class starts server processes of its own; run the classes one after another so kills, restarts and
// storage outages of one do not slow down the timing-sensitive waits of another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
