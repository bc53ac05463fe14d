enum DatasetsModule {}
