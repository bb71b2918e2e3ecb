# Side-by-side peer of `tolok bench e2e dea-boot`: R Benchmarking's dea.boot on the same CSV
# (columns x1..xm, y1..ys), timed from reading the file to the written result; prints one JSON
# line {"seconds": …, "replicates": …}. Usage: Rscript dea_boot_timing.R DATA RTS B OUT
suppressMessages(library(Benchmarking))
a <- commandArgs(trailingOnly = TRUE)
t0 <- proc.time()[["elapsed"]]
d <- read.csv(a[1])
X <- as.matrix(d[, grep("^x", names(d))])
Y <- as.matrix(d[, grep("^y", names(d))])
set.seed(1)
b <- dea.boot(X, Y, NREP = as.integer(a[3]), RTS = a[2], ORIENTATION = "in")
write.csv(data.frame(eff = b$eff, eff_bc = b$eff.bc, lower = b$conf.int[, 1], upper = b$conf.int[, 2]), a[4], row.names = FALSE)
cat(sprintf('{"seconds": %.3f, "replicates": %d}\n', proc.time()[["elapsed"]] - t0, as.integer(a[3])))
