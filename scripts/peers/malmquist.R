# Reference Malmquist indices for Tolok's --period tests (MalmquistPeerTests), from two R peers:
#
# 1. R Benchmarking's dea() distances (and malmq() for the adjacent index, checked to agree):
#    Datasets/<name>_malmquist_benchmarking.R.csv, one row per reference (adjacent, sequential,
#    global) x rts (crs, vrs) x orientation (in, out) x unit x consecutive pair. Output orientation:
#    Benchmarking's dea() returns the Farrell phi >= 1; the Shephard distance 1/phi is written.
#    Infeasible programs (dea() returns +-Inf) are written as NA with status "infeasible".
#    M, EC, TC, PECH, SECH are the formulas of docs/DEA.md ("Malmquist") applied to those distances.
# 2. deaR's malmquist_index(type2 = "fgnz"), the package's own formulas:
#    Datasets/<name>_malmquist_deaR.R.csv: type1 cont / seq with rts = "vrs" (M, EC, TC under CRS,
#    PECH and SECH from VRS: Tolok's --rts crs) and glob with rts = "crs"; io and oo.
#
# Usage (repository root): Rscript scripts/peers/malmquist.R
suppressMessages(library(Benchmarking))
have_deaR <- suppressWarnings(suppressMessages(requireNamespace("deaR", quietly = TRUE)))
options(digits = 17)

panels <- list(
  list(name = "dea_jl_malmquist_5", id = "dmu", period = "period", x = "x1", y = "y1"),
  list(name = "grifell_lovell_1999_8x2", id = "dmu", period = "year", x = "x", y = "y"),
  list(name = "malmquist_panel_24x4", id = "unit", period = "year", x = c("x1", "x2"), y = c("y1", "y2")),
  list(name = "wang_lan_2011_china_31x5", id = "province", period = "year", x = c("capital", "labor"), y = "giov")
)

# Shephard distances of rows `eval` against the technology of rows `ref` (NA when infeasible).
distance <- function(d, p, eval, ref, rts, orientation) {
  X <- as.matrix(d[, p$x, drop = FALSE]); Y <- as.matrix(d[, p$y, drop = FALSE])
  e <- dea(X[eval, , drop = FALSE], Y[eval, , drop = FALSE], RTS = rts, ORIENTATION = orientation,
           XREF = X[ref, , drop = FALSE], YREF = Y[ref, , drop = FALSE])$eff
  e <- if (orientation == "out") 1 / e else e
  e[!is.finite(e) | e <= 0] <- NA
  e
}

benchmarking <- function(p) {
  d <- read.csv(sprintf("Datasets/%s.csv", p$name), stringsAsFactors = FALSE)
  periods <- sort(unique(d[[p$period]]))
  rows_of <- function(k) which(d[[p$period]] == periods[k])
  out <- list()
  for (reference in c("adjacent", "sequential", "global")) for (rts in c("crs", "vrs")) for (orientation in c("in", "out")) {
    tech <- function(k) if (reference == "sequential") which(d[[p$period]] <= periods[k]) else rows_of(k)
    all_rows <- seq_len(nrow(d))
    for (k in 2:length(periods)) {
      s <- rows_of(k - 1); t <- rows_of(k)
      ids <- intersect(d[[p$id]][s], d[[p$id]][t])
      js <- s[match(ids, d[[p$id]][s])]; jt <- t[match(ids, d[[p$id]][t])]
      ff <- distance(d, p, js, tech(k - 1), rts, orientation)
      tt <- distance(d, p, jt, tech(k), rts, orientation)
      if (reference == "global") {
        c1 <- distance(d, p, js, all_rows, rts, orientation)
        c2 <- distance(d, p, jt, all_rows, rts, orientation)
        m <- c2 / c1
      } else {
        c1 <- distance(d, p, jt, tech(k - 1), rts, orientation)  # d_from_to
        c2 <- distance(d, p, js, tech(k), rts, orientation)      # d_to_from
        m <- sqrt((c1 / ff) * (tt / c2))
      }
      ec <- tt / ff
      pech <- sech <- vff <- vtt <- rep(NA, length(ids))
      if (rts == "crs") {
        vff <- distance(d, p, js, tech(k - 1), "vrs", orientation)
        vtt <- distance(d, p, jt, tech(k), "vrs", orientation)
        pech <- vtt / vff; sech <- ec / pech
      }
      if (reference == "adjacent") {
        # malmq() on the same two periods: M, EC, TC (inverted for output orientation: Farrell phi).
        mq <- malmq(as.matrix(d[s, p$x, drop = FALSE]), as.matrix(d[s, p$y, drop = FALSE]), d[[p$id]][s],
                    as.matrix(d[t, p$x, drop = FALSE]), as.matrix(d[t, p$y, drop = FALSE]), d[[p$id]][t],
                    RTS = rts, ORIENTATION = orientation)
        mm <- mq$m[match(ids, mq$id)]; if (orientation == "out") mm <- 1 / mm
        ok <- is.finite(m) & is.finite(mm)
        if (any(ok) && max(abs(mm[ok] - m[ok])) > 1e-12) stop("malmq() disagrees with the dea() distances: ", p$name)
      }
      status <- ifelse(is.na(m), "infeasible", "ok")
      out[[length(out) + 1]] <- data.frame(reference = reference, rts = rts, orientation = orientation, id = ids,
        from = periods[k - 1], to = periods[k], status = status, m = m, ec = ec, tc = m / ec, pech = pech, sech = sech,
        d_from_from = ff, d_to_to = tt, d_cross_1 = c1, d_cross_2 = c2, d_vrs_from_from = vff, d_vrs_to_to = vtt)
    }
  }
  r <- do.call(rbind, out)
  f <- sprintf("Datasets/%s_malmquist_benchmarking.R.csv", p$name)
  write.csv(r, f, row.names = FALSE, na = "")
  cat(f, ":", nrow(r), "rows,", sum(r$status == "infeasible"), "infeasible\n")
}

dear <- function(p) {
  d <- read.csv(sprintf("Datasets/%s.csv", p$name), stringsAsFactors = FALSE)
  d <- d[order(d[[p$period]], d[[p$id]]), ]
  long <- data.frame(period = d[[p$period]], dmu = d[[p$id]], d[, c(p$x, p$y), drop = FALSE])
  ni <- length(p$x); no <- length(p$y)
  data <- deaR::make_malmquist(long, percol = 1, dmus = 2, inputs = 3:(2 + ni), outputs = (3 + ni):(2 + ni + no),
                               arrangement = "vertical")
  out <- list()
  for (cfg in list(c("cont", "vrs"), c("seq", "vrs"), c("glob", "crs"))) for (orientation in c("io", "oo")) {
    r <- tryCatch(deaR::malmquist_index(data, orientation = orientation, rts = cfg[2], type1 = cfg[1], type2 = "fgnz"),
                  error = function(e) { cat("  deaR", cfg, orientation, "failed:", conditionMessage(e), "\n"); NULL })
    if (is.null(r)) next  # deaR 1.5.3 with two periods and rts = "crs": a dropped matrix dimension
    periods <- sort(unique(d[[p$period]]))
    mat <- function(v) if (is.null(v)) NULL else matrix(v, nrow = length(periods) - 1)
    mi <- mat(r$mi); ec <- mat(r$ec); tc <- mat(r$tc); pech <- mat(r$pech); sech <- mat(r$sech)
    if (is.null(ec)) ec <- pech * sech  # rts = "vrs": deaR returns the factors of EC only
    units <- d[[p$id]][d[[p$period]] == periods[1]]  # deaR's unit order (its names prefix numeric ids)
    for (k in seq_len(length(periods) - 1)) {
      out[[length(out) + 1]] <- data.frame(type1 = cfg[1], rts = cfg[2], orientation = orientation, id = units,
        from = periods[k], to = periods[k + 1], mi = mi[k, ], ec = ec[k, ], tc = tc[k, ],
        pech = if (is.null(pech)) NA else pech[k, ], sech = if (is.null(sech)) NA else sech[k, ])
    }
  }
  r <- do.call(rbind, out)
  f <- sprintf("Datasets/%s_malmquist_deaR.R.csv", p$name)
  write.csv(r, f, row.names = FALSE, na = "")
  cat(f, ":", nrow(r), "rows\n")
}

for (p in panels) {
  benchmarking(p)
  if (have_deaR) dear(p)
}
cat(R.version.string, "; Benchmarking", as.character(packageVersion("Benchmarking")),
    if (have_deaR) paste("; deaR", as.character(packageVersion("deaR"))) else "; deaR not installed", "\n")
