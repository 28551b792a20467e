package io.lastmile.billing.api;

import java.util.List;

/** One page of a search: the items, and how many match in all. */
public record Page<T>(List<T> items, long total, int page, int size) {}
