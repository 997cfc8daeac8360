# Reference values for the Rao-Scott tests of tripartite.analysis.design, made with R's survey package.
#
#   Rscript tests/analysis/reference/svychisq.R        (from the repository root; writes svychisq.json)
#
# For every data set (make_datasets.py) and every design (weights only; strata; clusters; strata and
# clusters, nested) it runs svychisq(~row + col, design) with statistic = "Chisq" (first-order
# Rao-Scott) and statistic = "F" (second-order, Satterthwaite df), na.rm = TRUE: rows with a missing
# answer stay in the design, the table being a domain of the sample.
suppressPackageStartupMessages(library(survey))
suppressPackageStartupMessages(library(jsonlite))

here <- "tests/analysis/reference"
cases <- list()
for (file in c("weighted_3x4.csv", "weighted_3x4_missing.csv", "weighted_2x2.csv")) {
  d <- read.csv(file.path(here, file))
  designs <- list(
    weights = svydesign(ids = ~1, weights = ~w, data = d),
    strata = svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = d),
    clusters = svydesign(ids = ~cluster, weights = ~w, data = d),
    strata_clusters = svydesign(ids = ~cluster, strata = ~stratum, weights = ~w, data = d, nest = TRUE)
  )
  for (name in names(designs)) {
    design <- designs[[name]]
    first <- svychisq(~row + col, design, statistic = "Chisq")
    second <- svychisq(~row + col, design, statistic = "F")
    x2 <- unname(first$statistic)           # Pearson X2 of the weighted table scaled to nrow(data)
    trace <- x2 / unname(second$statistic)  # tr(Delta)
    df <- unname(first$parameter[["df"]])
    cases[[length(cases) + 1]] <- list(
      data = file, design = name, df = df, rows = nrow(d),
      # svychisq scales the table to all rows of the data (missing answers included), so x2 and
      # mean_deff are on the scale of `rows`; chi2_rs, f, ndf, ddf and the p-values do not depend on it.
      x2 = x2,
      mean_deff = trace / df,
      chi2_rs = x2 / (trace / df),
      p_chisq = first$p.value,
      f = unname(second$statistic),
      ndf = unname(second$parameter[["ndf"]]),
      ddf = unname(second$parameter[["ddf"]]),
      p_f = second$p.value
    )
  }
}
out <- list(
  made_with = paste0(R.version.string, "; survey ", as.character(packageVersion("survey"))),
  cases = cases
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path(here, "svychisq.json"))
