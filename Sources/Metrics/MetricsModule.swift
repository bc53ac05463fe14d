enum MetricsModule {}
