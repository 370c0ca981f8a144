-- Image inputs of a generation besides its edit image and mask (issue 19): the strength of image-to-
-- image, an upscale task, and reference images (content-addressed blobs), as JSON; null when none.
ALTER TABLE generations ADD COLUMN image_inputs TEXT;
