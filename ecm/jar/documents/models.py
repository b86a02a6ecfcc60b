"""Models of the JAR's documents part (issue 9). Refer to the review as "jar.JointAreaReview"."""
