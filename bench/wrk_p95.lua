-- wrk script: print the 95th percentile latency in milliseconds (wrk --latency has no p95).
done = function(summary, latency, requests)
  io.write(string.format("p95_ms=%.2f\n", latency:percentile(95) / 1000))
end
