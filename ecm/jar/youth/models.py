"""Models of the JAR's youth part (issue 9). Refer to the review as "jar.JointAreaReview"."""
