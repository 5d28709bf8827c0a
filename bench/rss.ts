/** Peak resident memory over a bench run, sampled every 100 ms (process.resourceUsage's maxRSS covers the whole process life). */
export const sampleRss = () => {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  return {
    peak: () => Math.max(peak, process.memoryUsage().rss),
    stop: () => clearInterval(timer),
  };
};
