enum RecipeModule {}
