# Reference elasticities of the half-normal translog production frontier on front41Data
# (Coelli 1996), fitted by R frontier's frontierQuad(): the elasticities by micEcon's
# translogEla() and their delta-method standard errors computed here as g' V g from
# vcov() of the fit (micEcon's own stdDev attribute is not used: its variance adds the
# covariance of a_i and b_ij once, not twice, so it is not the delta method).
# Writes Datasets/front41Data_translog_elasticities.R.csv.
#   Rscript scripts/peers/translog-elasticities.R
suppressMessages({library(frontier); library(micEcon)})
d <- read.csv("Datasets/front41Data.csv")
d$lq <- log(d$output); d$lk <- log(d$capital); d$ll <- log(d$labour)
f <- frontierQuad(yName = "lq", xNames = c("lk", "ll"), data = d)
b <- coef(f)[1:6]; V <- vcov(f)[1:6, 1:6]   # a_0, a_1, a_2, b_1_1, b_1_2, b_2_2
rows <- function(at, id, lk, ll) {
  e <- translogEla(c("capital", "labour"), data = data.frame(capital = exp(lk), labour = exp(ll)), coef = b)
  gk <- cbind(0, 1, 0, lk, ll, 0); gl <- cbind(0, 0, 1, 0, lk, ll); gs <- gk + gl
  se <- function(g) sqrt(rowSums((g %*% V) * g))
  data.frame(at = at, id = rep(id, 3), input = rep(c("capital", "labour", "scale"), each = length(lk)),
             elasticity = c(e$capital, e$labour, e$capital + e$labour),
             std_error = c(se(gk), se(gl), se(gs)))
}
out <- rbind(rows("sample_mean", "", mean(d$lk), mean(d$ll)), rows("unit", d$firm, d$lk, d$ll))
write.csv(out, "Datasets/front41Data_translog_elasticities.R.csv", row.names = FALSE)
cat("frontier", as.character(packageVersion("frontier")), "micEcon", as.character(packageVersion("micEcon")),
    "logLik", format(as.numeric(logLik(f)), digits = 12), "\n")
