# Peer values for `tolok run dea --cross-efficiency` (issue #14): deaR 1.5.3 cross_efficiency()
# on Doyle & Green (1994)'s 20 university departments (deaR's data(Doyle_Green_1994)).
# Writes, from the repository root:
#   Datasets/doyle_green_1994_20.csv                       the data (id, 4 outputs, 2 inputs)
#   Datasets/doyle_green_1994_20_cross_efficiency.R.csv    long matrix: rts, method, rater, rated, cross_efficiency
#   Datasets/doyle_green_1994_20_cross_means.R.csv         rts, method, id, efficiency, mean_cross_efficiency (deaR's e, selfapp = TRUE)
# Methods: arbitrary (deaR's "Arbitrary", the lp_solve multipliers: not unique), M2_ben, M2_agg
# (Doyle & Green's method II), M3_ben, M3_agg (method III, for reference only).
# Input orientation, epsilon = 0, rts crs and vrs (correction = FALSE: E = (u.y_j + u0)/v.x_j).
# Run: Rscript scripts/peers/cross-efficiency.R   (R_LIBS=/tmp/rlib if deaR is installed there)
suppressMessages(library(deaR))
data("Doyle_Green_1994")
d <- Doyle_Green_1994
out <- data.frame(id = d$DMU, undergraduates = d$Undergraduates, postgraduates = d$Postgraduates,
                  research_income = d$Research_income, publications = d$Publications,
                  salaries = d$Salaries, other_expenses = d$Other_expenses)
write.csv(out, "Datasets/doyle_green_1994_20.csv", row.names = FALSE, quote = FALSE)
dd <- make_deadata(datadea = d, dmus = 1, inputs = 6:7, outputs = 2:5)
long <- list(); means <- list()
for (rts in c("crs", "vrs")) {
  r <- cross_efficiency(dd, orientation = "io", rts = rts, selfapp = TRUE)
  for (m in c("Arbitrary", "M2_ben", "M2_agg", "M3_ben", "M3_agg")) {
    ce <- r[[m]]$cross_eff
    method <- if (m == "Arbitrary") "arbitrary" else m
    g <- expand.grid(rated = seq_len(ncol(ce)), rater = seq_len(nrow(ce)))
    long[[length(long) + 1]] <- data.frame(rts = rts, method = method, rater = rownames(ce)[g$rater],
                                           rated = colnames(ce)[g$rated],
                                           cross_efficiency = sprintf("%.10f", ce[cbind(g$rater, g$rated)]))
    means[[length(means) + 1]] <- data.frame(rts = rts, method = method, id = names(r[[m]]$e),
                                             efficiency = sprintf("%.10f", r$Arbitrary$efficiency),
                                             mean_cross_efficiency = sprintf("%.10f", r[[m]]$e))
  }
}
write.csv(do.call(rbind, long), "Datasets/doyle_green_1994_20_cross_efficiency.R.csv", row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, means), "Datasets/doyle_green_1994_20_cross_means.R.csv", row.names = FALSE, quote = FALSE)
cat("deaR", as.character(packageVersion("deaR")), "\n")
