"""Models of the JAR's voluntary part (issue 9). Refer to the review as "jar.JointAreaReview"."""
